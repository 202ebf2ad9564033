from django.db import migrations, models


class Migration(migrations.Migration):
    """Ideas and plans share one review lifecycle: the note lives in one field of each."""

    dependencies = [
        ("products", "0005_drop_classification"),
    ]

    operations = [
        migrations.RenameField(model_name="productidea", old_name="reason", new_name="review_note"),
        migrations.RenameField(model_name="businessplan", old_name="comment", new_name="review_note"),
        migrations.AlterField(
            model_name="productidea",
            name="review_note",
            field=models.TextField(blank=True, verbose_name="nhận xét, lý do trả lại"),
        ),
        migrations.AlterField(
            model_name="businessplan",
            name="review_note",
            field=models.TextField(blank=True, verbose_name="nhận xét, lý do trả lại"),
        ),

        migrations.AlterField(
            model_name='businessplan',
            name='reviewed_at',
            field=models.DateTimeField(null=True, verbose_name='ngày xem xét'),
        ),
        migrations.AlterField(
            model_name='businessplan',
            name='state',
            field=models.CharField(choices=[('submitted', 'Chờ xã xem xét'), ('accepted', 'Đã chấp nhận'), ('returned', 'Trả lại')], default='submitted', max_length=16, verbose_name='trạng thái'),
        ),
        migrations.AlterField(
            model_name='productidea',
            name='reviewed_at',
            field=models.DateTimeField(null=True, verbose_name='ngày xem xét'),
        ),
        migrations.AlterField(
            model_name='productidea',
            name='state',
            field=models.CharField(choices=[('submitted', 'Chờ xã xem xét'), ('accepted', 'Đã chấp nhận'), ('returned', 'Trả lại')], default='submitted', max_length=16, verbose_name='trạng thái'),
        ),
    ]
