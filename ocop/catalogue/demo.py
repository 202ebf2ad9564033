"""Demo catalogue for ``make run``: 45 certified products of 15 producers in five provinces
(Hà Nội, Lâm Đồng, An Giang, Thanh Hóa, Khánh Hòa) across all six sectors, with names that
carry ``đ`` and every tone, stories, shop links and coordinates, so search, filters and the
map can be tried at once (``nuoc mam phu quoc``, ``dac san``, ``mat ong``). Certificates are
entered as paper ones (``certificates.actions.enter``) by the demo officers, dated in the
last two years, so they are valid today. Idempotent.
"""

import datetime as dt
import zlib

from django.db import transaction
from django.utils import timezone

from ocop.accounts.models import User
from ocop.catalogue import index
from ocop.certificates import actions
from ocop.certificates.enums import Authority
from ocop.certificates.models import Certificate
from ocop.legal.models import LegalInstrument, ProductSet
from ocop.listings.models import ProducerListing, ProductListing
from ocop.places.models import Commune
from ocop.producers.models import Producer
from ocop.products.models import Product

INSTRUMENT = "26/2026/QĐ-TTg"

# name, legal type, province code, commune name (a part of it), lat, lon, profile,
# shop links, phone shown, [(product name, product set code, stars, story)]
PRODUCERS = [
    (
        "Hợp tác xã Nước mắm Phú Quốc Khải Hoàn",
        "htx",
        "91",
        "Phú Quốc",
        10.2270,
        103.9630,
        "Ba thế hệ ủ cá cơm than trong thùng gỗ bời lời trên đảo Phú Quốc.",
        ["https://shopee.vn/nuocmamkhaihoan", "https://www.tiktok.com/@nuocmamkhaihoan"],
        True,
        [
            (
                "Nước mắm Phú Quốc 40 độ đạm",
                "I.4.a",
                4,
                "Cá cơm than ủ chượp 12 tháng với muối biển, chỉ lấy nước nhĩ đầu.",
            ),
            ("Nước mắm nhĩ cá cơm", "I.4.a", 3, "Nước mắm nhĩ rút từ thùng gỗ, đậm vị, hậu ngọt."),
            ("Mắm ruốc Hàm Ninh", "I.4.b", 3, "Ruốc biển Hàm Ninh phơi nắng, xay nhuyễn."),
        ],
    ),
    (
        "Công ty TNHH Tiêu sạch Phú Quốc",
        "cong_ty_tnhh",
        "91",
        "Phú Quốc",
        10.2890,
        103.9840,
        "Vườn tiêu hữu cơ ở Cửa Dương, bón phân cá, thu hái thủ công.",
        ["https://tieuphuquoc.vn", "https://www.lazada.vn/shop/tieu-phu-quoc"],
        False,
        [
            ("Tiêu đen Phú Quốc", "I.4.b", 4, "Hạt tiêu chín cây, phơi nắng tự nhiên."),
            ("Tiêu sọ trắng", "I.4.b", 3, ""),
            (
                "Rượu sim rừng Phú Quốc",
                "II.1.b",
                3,
                "Trái sim rừng chín ngâm rượu nếp, lên men tự nhiên.",
            ),
        ],
    ),
    (
        "Hợp tác xã Thốt nốt Tri Tôn",
        "htx",
        "91",
        "Tri Tôn",
        10.4170,
        104.9990,
        "Đồng bào Khmer Bảy Núi nấu đường thốt nốt theo cách của ông bà.",
        ["https://shopee.vn/thotnottriton"],
        True,
        [
            (
                "Đường thốt nốt Bảy Núi",
                "I.2.b",
                4,
                "Nước thốt nốt nấu trên bếp củi đến khi kết tinh vàng óng.",
            ),
            ("Bánh bò thốt nốt", "I.3.b", 3, ""),
            (
                "Gạo nàng Nhen thơm",
                "I.2.a",
                4,
                "Giống lúa mùa của vùng Bảy Núi, hạt dài, cơm mềm thơm.",
            ),
        ],
    ),
    (
        "Cơ sở Khô cá lóc Châu Đốc",
        "ho_san_xuat",
        "91",
        "Châu Đốc",
        10.7060,
        105.1170,
        "Khô cá lóc đồng mùa nước nổi, phơi trên giàn tre.",
        [],
        False,
        [
            ("Khô cá lóc Châu Đốc", "I.3.d", 3, ""),
            (
                "Mắm thái Châu Đốc",
                "I.3.d",
                4,
                "Đặc sản miền Tây: mắm cá lóc trộn đu đủ, thính gạo rang.",
            ),
        ],
    ),
    (
        "Hợp tác xã Chè Tân Cương Hà Nội",
        "htx",
        "01",
        "Ba Vì",
        21.0790,
        105.3580,
        "Đồi chè trung du dưới chân núi Ba Vì, sao tay trên chảo gang.",
        ["https://postmart.vn/shop/che-ba-vi"],
        True,
        [
            ("Chè búp Ba Vì", "I.5.a", 4, "Một tôm hai lá, sao suốt bằng chảo gang trên bếp củi."),
            (
                "Trà sen Tây Hồ",
                "I.5.b",
                5,
                "Chè ướp trong bông sen Bách Diệp đầm Tây Hồ, một cân chè nghìn bông sen.",
            ),
            ("Trà hoa cúc Ba Vì", "I.5.b", 3, ""),
        ],
    ),
    (
        "Hợp tác xã Bánh cốm Đại Thịnh",
        "htx",
        "01",
        "Mê Linh",
        21.1880,
        105.7160,
        "Cốm làng Vòng và bánh cốm gói lá dong.",
        ["https://voso.vn/shop/banhcom"],
        False,
        [
            ("Bánh cốm Hàng Than", "I.3.b", 4, "Cốm non làng Vòng, nhân đậu xanh, gói lá dong."),
            ("Ô mai mơ gừng", "I.3.c", 3, "Mơ Hương Tích ngâm đường, gừng già giã nhỏ."),
            ("Bánh đậu xanh nướng", "I.3.b", 3, ""),
        ],
    ),
    (
        "Công ty cổ phần Gốm sứ Bát Tràng Việt",
        "cong_ty_co_phan",
        "01",
        "Bát Tràng",
        20.9780,
        105.9140,
        "Lò gốm năm đời ở Bát Tràng, men lam, men rạn, men ngọc.",
        ["https://gombattrangviet.vn", "https://www.facebook.com/gombattrangviet"],
        True,
        [
            (
                "Bình gốm men ngọc vẽ tay",
                "IV.1",
                4,
                "Men ngọc nung củi, vẽ tay tích Lý ngư vọng nguyệt.",
            ),
            ("Bộ ấm chén men lam", "IV.1", 3, ""),
            ("Đĩa sứ trang trí sen vàng", "IV.1", 3, ""),
        ],
    ),
    (
        "Tổ hợp tác Lụa Vạn Phúc",
        "tht",
        "01",
        "Hà Đông",
        20.9800,
        105.7720,
        "Làng lụa nghìn năm tuổi, dệt trên khung cửi.",
        ["https://shopee.vn/luavanphuc"],
        False,
        [
            (
                "Khăn lụa tơ tằm Vạn Phúc",
                "IV.2",
                4,
                "Tơ tằm dệt hoa văn chữ Thọ, nhuộm màu tự nhiên.",
            ),
            ("Áo dài lụa vân", "IV.2", 3, ""),
        ],
    ),
    (
        "Hợp tác xã Du lịch cộng đồng Đường Lâm",
        "htx",
        "01",
        "Sơn Tây",
        21.1530,
        105.4800,
        "Làng cổ đá ong, nhà cổ trăm năm mở cửa đón khách.",
        [],
        True,
        [
            (
                "Du lịch cộng đồng làng cổ Đường Lâm",
                "VI.1",
                4,
                "Một ngày làm người làng: tương, chè lam, gà mía, đình Mông Phụ.",
            ),
            ("Tương Đường Lâm", "I.4.a", 3, ""),
        ],
    ),
    (
        "Hợp tác xã Cà phê Cầu Đất",
        "htx",
        "68",
        "Xuân Trường",
        11.8750,
        108.5560,
        "Cà phê Arabica trồng ở độ cao 1.500 m, hái chín từng quả.",
        ["https://caphecaudat.vn", "https://shopee.vn/caphecaudat"],
        True,
        [
            ("Cà phê Arabica Cầu Đất", "I.6", 4, "Arabica Catimor chế biến mật ong, rang mộc."),
            ("Cà phê chồn Đà Lạt", "I.6", 3, ""),
            ("Trà atiso Đà Lạt", "I.5.b", 4, "Bông atiso Đà Lạt sấy lạnh, giữ vị ngọt thanh."),
        ],
    ),
    (
        "Hợp tác xã Hoa Đà Lạt Xanh",
        "htx",
        "68",
        "Lâm Viên",
        11.9400,
        108.4580,
        "Nhà kính hoa cúc, hồng, lan ở Thái Phiên.",
        ["https://www.tiktok.com/@hoadalatxanh"],
        False,
        [
            ("Hoa hồng Đà Lạt", "V.1", 3, ""),
            ("Lan hồ điệp Đà Lạt", "V.1", 4, "Lan hồ điệp nuôi cấy mô, chậu ba cành."),
            ("Dâu tây Đà Lạt", "I.1.a", 3, "Dâu tây trồng giá thể, không thuốc bảo vệ thực vật."),
            ("Mứt dâu tây", "I.3.c", 3, ""),
        ],
    ),
    (
        "Công ty TNHH Dược liệu Lang Biang",
        "cong_ty_tnhh",
        "68",
        "Lạc Dương",
        12.0060,
        108.4370,
        "Trồng sâm, đương quy dưới tán rừng Lang Biang.",
        ["https://duoclieulangbiang.vn"],
        False,
        [
            ("Cao atiso Lang Biang", "III.1", 4, ""),
            ("Tinh dầu thông Đà Lạt", "III.3", 3, "Chưng cất từ lá thông ba lá."),
            ("Sữa rửa mặt trà xanh", "III.2", 3, ""),
        ],
    ),
    (
        "Hợp tác xã Nông sản Thọ Xuân",
        "htx",
        "38",
        "Thọ Xuân",
        19.9300,
        105.4500,
        "Mía đồi và nem chua xứ Thanh.",
        ["https://shopee.vn/nemchuathanhhoa"],
        True,
        [
            (
                "Nem chua Thanh Hóa",
                "I.3.d",
                4,
                "Thịt nạc lợn giã tay, bì thái chỉ, gói lá ổi và lá chuối.",
            ),
            ("Mật mía Thọ Xuân", "I.2.b", 3, ""),
            ("Bánh gai Tứ Trụ", "I.3.b", 4, "Lá gai giã nhuyễn, nhân đỗ xanh, dừa, mỡ phần."),
            (
                "Chè lam đặc sản Thọ Xuân",
                "I.3.b",
                3,
                "Đặc sản xứ Thanh: gạo nếp rang, mật mía, gừng và lạc.",
            ),
        ],
    ),
    (
        "Hộ kinh doanh Chiếu cói Nga Sơn",
        "ho_san_xuat",
        "38",
        "Nga Sơn",
        20.0030,
        105.9780,
        "Cói biển Nga Sơn dệt chiếu, làm túi, thảm.",
        [],
        False,
        [
            ("Chiếu cói Nga Sơn", "IV.1", 3, ""),
            ("Túi cói thủ công", "IV.1", 3, ""),
        ],
    ),
    (
        "Công ty cổ phần Yến sào Khánh Hòa Xanh",
        "cong_ty_co_phan",
        "56",
        "Nha Trang",
        12.2450,
        109.1940,
        "Yến đảo khai thác theo mùa, làm sạch bằng tay.",
        ["https://yensaokhanhhoaxanh.vn", "https://tiki.vn/yen-sao-khanh-hoa-xanh"],
        True,
        [
            (
                "Yến sào Khánh Hòa tinh chế",
                "I.3.d",
                5,
                "Tổ yến đảo làm sạch lông bằng tay, sấy nhẹ.",
            ),
            ("Nước yến đóng lọ", "II.2.b", 4, ""),
            ("Nước khoáng Đảnh Thạnh", "II.2.a", 3, "Nước khoáng thiên nhiên từ mỏ Đảnh Thạnh."),
            ("Cá cảnh biển Nha Trang", "V.3", 3, ""),
            ("Bonsai lũa Khánh Hòa", "V.2", 3, ""),
        ],
    ),
]


def _commune(province_code: str, part: str) -> Commune:
    communes = Commune.objects.filter(province__code=province_code)
    return communes.filter(name__icontains=part).first() or communes.order_by("code").first()


def _officer(province_code: str) -> User | None:
    username = {"01": "tinh.hanoi", "68": "tinh.lamdong"}.get(province_code, "trunguong")
    return User.objects.filter(username=username).first()


@transaction.atomic
def seed() -> int:
    """Create what is missing; return how many products the catalogue lists."""
    today = timezone.localdate()
    instrument = LegalInstrument.objects.filter(number=INSTRUMENT).first()
    if instrument is None or not User.objects.filter(username="trunguong").exists():
        return 0
    sets = {s.code: s for s in ProductSet.objects.filter(instrument=instrument)}
    for n, spec in enumerate(PRODUCERS):
        (name, legal_type, province, commune_part, lat, lon, profile, shop, phone, items) = spec
        commune = _commune(province, commune_part)
        producer = Producer.objects.filter(name=name).first()
        if producer is None:
            producer = Producer.objects.create(
                name=name,
                legal_type=legal_type,
                commune=commune,
                address=f"Số {10 + n}, {commune.name}",
                representative_name="Nguyễn Thị Hạnh" if n % 2 else "Trần Văn Đức",
                representative_gender="nu" if n % 2 else "nam",
                representative_ethnicity="Khmer" if "Tri Tôn" in name else "Kinh",
                workforce=12 + n,
                local_workforce=10 + n,
                phone=f"09{n:02d}123456",
                email=f"lienhe{n}@demo.ocop.local",
                latitude=lat,
                longitude=lon,
                profile=profile,
            )
        ProducerListing.objects.get_or_create(
            producer=producer,
            defaults={
                "profile": profile,
                "shop_links": [{"kind": _kind(url), "url": url} for url in shop],
                "show_phone": phone,
            },
        )
        officer = _officer(province)
        for product_name, set_code, stars, story in items:
            serial = 1000 + zlib.crc32(product_name.encode()) % 9000  # stable, not positional
            product = Product.objects.filter(producer=producer, name=product_name).first()
            if product is None:
                product = Product.objects.create(
                    producer=producer,
                    product_set=sets[set_code],
                    name=product_name,
                    description=f"{product_name} của {producer.name}.",
                    story=story,
                    specifications="Hộp, chai hoặc gói theo quy cách đăng ký.",
                )
            if story:
                ProductListing.objects.get_or_create(product=product, defaults={"story": story})
            if Certificate.objects.filter(product=product).exists():
                continue
            decided = today - dt.timedelta(days=30 + 17 * (serial % 40))
            five = stars == 5
            actions.enter(
                actor=officer,
                product=product,
                number=f"{serial}/GCN-{'BNNMT' if five else 'UBND'}",
                stars=stars,
                score=[None, None, None, 74.5, 83.0, 92.5][stars],
                authority=Authority.MINISTRY if five else Authority.PROVINCE,
                authority_name="Bộ Nông nghiệp và Môi trường"
                if five
                else actions.province_authority(commune.province),
                decision_number=f"{serial}/QĐ-{'BNNMT' if five else 'UBND'}",
                decision_date=decided,
                signer="Bộ trưởng" if five else "Chủ tịch UBND",
                instrument=instrument,
                valid_from=decided,
                expires_on=None,
            )
    return index.rebuild()


def _kind(url: str) -> str:
    from ocop.listings import links

    return links.check(url).kind
