"""Demo accounts: one per role in Hà Nội and Lâm Đồng, with a documented password."""

from django.db import transaction

from ocop.accounts import actions
from ocop.accounts.enums import Role
from ocop.accounts.models import RoleAssignment, User
from ocop.places.models import Commune, Province

# username, full name, role, province code, commune code
DEMO_USERS = [
    ("admin", "Quản trị hệ thống", Role.ADMIN, None, None),
    ("trunguong", "Nguyễn Văn Trung", Role.CENTRAL_OFFICER, None, None),
    ("tinh.hanoi", "Trần Thị Hà", Role.PROVINCE_OFFICER, "01", None),
    ("tinh.lamdong", "Lê Văn Lâm", Role.PROVINCE_OFFICER, "68", None),
    ("xa.battrang", "Phạm Thị Gốm", Role.COMMUNE_OFFICER, None, "00583"),
    ("xa.phuxuyen", "Đỗ Văn Xuyên", Role.COMMUNE_OFFICER, None, "10273"),
    ("xa.donduong", "K'Brơi Đơn", Role.COMMUNE_OFFICER, None, "24931"),
    ("hoidong.hanoi", "Vũ Minh Hội", Role.COUNCIL_MEMBER, "01", None),
    ("hoidong.nnmt", "Đặng Văn Nông", Role.COUNCIL_MEMBER, "01", None),
    ("hoidong.congthuong", "Trần Văn Công", Role.COUNCIL_MEMBER, "01", None),
    ("hoidong.yte", "Lê Thị Ý", Role.COUNCIL_MEMBER, "01", None),
    ("hoidong.khcn", "Phạm Minh Khoa", Role.COUNCIL_MEMBER, "01", None),
    ("hoidong.lamdong", "Hoàng Thị Đồng", Role.COUNCIL_MEMBER, "68", None),
    # The central council (Điều 7.4.b): members from the ministries, nation-wide.
    ("hoidong.bonnmt", "Lương Văn Bộ", Role.COUNCIL_MEMBER, None, None),
    ("hoidong.bocongthuong", "Mai Thị Thương", Role.COUNCIL_MEMBER, None, None),
    ("hoidong.boyte", "Tạ Văn Tế", Role.COUNCIL_MEMBER, None, None),
    ("hoidong.bokhcn", "Hồ Thị Học", Role.COUNCIL_MEMBER, None, None),
]


@transaction.atomic
def seed_demo(password: str) -> list[tuple[str, str, str]]:
    """Create the demo accounts that are missing; return (username, role, place) rows."""
    rows = []
    for username, full_name, role, province_code, commune_code in DEMO_USERS:
        province = Province.objects.get(code=province_code) if province_code else None
        commune = (
            Commune.objects.select_related("province").get(code=commune_code)
            if commune_code
            else None
        )
        user = User.objects.filter(username=username).first()
        if user is None:
            user = actions.create_user(
                actor=None,
                username=username,
                email=f"{username}@demo.ocop.local",
                full_name=full_name,
                password=password,
            )
        has_role = (
            RoleAssignment.objects.active()
            .filter(user=user, role=role, commune=commune)
            .filter(province=commune.province if commune else province)
            .exists()
        )
        if not has_role:
            actions.grant_role(user, role, actor=None, province=province, commune=commune)
        place = str(commune or province or "Toàn quốc")
        rows.append((username, role.label, place))
    return rows
