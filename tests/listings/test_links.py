"""Shop links: what is accepted, how it is normalised, and what is refused with a message."""

import pytest

from ocop.listings import links
from ocop.listings.links import BadLink, BadLinks, check, kind_of, label, parse


@pytest.mark.parametrize(
    ("raw", "kind", "url"),
    [
        ("https://shopee.vn/gombattrang", "shopee", "https://shopee.vn/gombattrang"),
        ("shopee.vn/gombattrang", "shopee", "https://shopee.vn/gombattrang"),
        ("  https://SHOPEE.VN/Gom  ", "shopee", "https://shopee.vn/Gom"),
        ("https://www.tiktok.com/@gombattrang", "tiktok", "https://www.tiktok.com/@gombattrang"),
        ("https://vt.tiktok.com/ZS123/", "tiktok", "https://vt.tiktok.com/ZS123/"),
        ("https://www.lazada.vn/shop/gom", "lazada", "https://www.lazada.vn/shop/gom"),
        ("tiki.vn/cua-hang/gom", "tiki", "https://tiki.vn/cua-hang/gom"),
        ("https://postmart.vn/gian-hang/1", "postmart", "https://postmart.vn/gian-hang/1"),
        ("https://voso.vn/shop/1", "voso", "https://voso.vn/shop/1"),
        ("https://m.facebook.com/gombattrang", "facebook", "https://m.facebook.com/gombattrang"),
        ("fb.com/gombattrang", "facebook", "https://fb.com/gombattrang"),
        ("https://zalo.me/0912345678", "zalo", "https://zalo.me/0912345678"),
        ("http://gombattrang.vn", "website", "http://gombattrang.vn/"),
        ("//gombattrang.vn/a", "website", "https://gombattrang.vn/a"),
        ("gombattrang.vn:8080/a?b=1#c", "website", "https://gombattrang.vn:8080/a?b=1#c"),
    ],
)
def test_link_is_recognised_and_normalised(raw, kind, url):
    assert check(raw) == links.Link(kind, url)


def test_lookalike_host_is_a_plain_website():
    assert kind_of("shopee.vn.example.com") == "website"
    assert kind_of("notshopee.vn") == "website"
    assert kind_of("shop.shopee.vn") == "shopee"


def test_unicode_host_is_kept_in_idna_form():
    link = check("https://gốmbáttràng.vn/cửa-hàng")
    assert link.url.startswith("https://xn--")
    assert "/c%E1%BB%ADa-h%C3%A0ng" in link.url
    assert link.kind == "website"
    assert check(link.url) == link  # checking again changes nothing


def test_fullwidth_host_is_read_as_its_plain_letters():
    assert check("https://ｓｈｏｐｅｅ.vn/x").kind == "shopee"


@pytest.mark.parametrize(
    "raw",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "javascript://shopee.vn/%0Aalert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "mailto:a@b.vn",
        "ftp://shopee.vn/file",
        "file:///etc/passwd",
    ],
)
def test_other_schemes_are_refused(raw):
    with pytest.raises(BadLink, match="http"):
        check(raw)


@pytest.mark.parametrize(
    "raw",
    [
        "java\tscript:alert(1)",
        "https://shopee.vn/my shop",
        "https://shopee.vn/\x00",
        "https://shopee.vn/\u2028x",
    ],
)
def test_spaces_and_control_characters_are_refused(raw):
    with pytest.raises(BadLink, match="dấu cách"):
        check(raw)


@pytest.mark.parametrize(
    "raw",
    [
        "hello",
        "https://localhost/",
        "http://shopee/",
        "https:///path",
        "http:shopee.vn",
        "https://-shopee.vn/",
        "https://shop_ee.vn/",
        "https://%73hopee.vn/",
        "https://1.2.3.4/",
        "https://[::1]/",
        "https://shopee.vn:99999/",
        "https://shopee.vn:abc/",
    ],
)
def test_addresses_without_a_real_host_are_refused(raw):
    with pytest.raises(BadLink):
        check(raw)


def test_credentials_in_the_address_are_refused():
    with pytest.raises(BadLink, match="mật khẩu"):
        check("https://user:pass@shopee.vn/")
    with pytest.raises(BadLink, match="mật khẩu"):
        check("https://shopee.vn@evil.example/")


def test_address_over_the_limit_is_refused():
    with pytest.raises(BadLink, match="500"):
        check("https://shopee.vn/" + "a" * 500)
    # Within the limit as typed but not once its letters are percent-encoded.
    with pytest.raises(BadLink, match="500"):
        check("https://shopee.vn/" + "ă" * 200)


def test_parse_skips_blank_lines_and_repeats():
    parsed = parse("\n https://shopee.vn/a \n\nhttps://shopee.vn/a\r\nzalo.me/0912345678\n")
    assert [link.kind for link in parsed] == ["shopee", "zalo"]


def test_parse_names_every_bad_line():
    with pytest.raises(BadLinks) as caught:
        parse("https://shopee.vn/a\njavascript:alert(1)\n\nxyz")
    assert len(caught.value.messages) == 2
    assert caught.value.messages[0].startswith("Dòng 2:")
    assert caught.value.messages[1].startswith("Dòng 4:")


def test_parse_refuses_more_than_ten_links():
    text = "\n".join(f"https://shop{n}.vn/" for n in range(11))
    with pytest.raises(BadLinks, match="Tối đa 10"):
        parse(text)
    assert len(parse("\n".join(f"https://shop{n}.vn/" for n in range(10)))) == 10


def test_parse_of_ten_thousand_characters_gives_a_message():
    with pytest.raises(BadLinks, match="500"):
        parse("https://shopee.vn/" + "a" * 10_000)
    with pytest.raises(BadLinks, match="Tối đa"):
        parse("a.vn\n" * 2_000)
    with pytest.raises(BadLinks):
        parse("x" * 10_000)


def test_parse_of_nothing_is_no_link():
    assert parse("") == [] and parse("  \n \n") == []


def test_label_names_each_kind():
    assert label("shopee") == "Shopee"
    assert label("tiktok") == "TikTok Shop"
    assert label("website") == "Trang web riêng"
    assert label("unknown") == "Trang web riêng"


def test_stored_links_are_checked_again():
    stored = [{"kind": "website", "url": "javascript:alert(1)"}]
    with pytest.raises(BadLinks):
        links.from_stored(stored)
    assert links.as_text([{"kind": "zalo", "url": "https://zalo.me/1"}]) == "https://zalo.me/1"
