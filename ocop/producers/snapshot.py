"""The producer's data as it stands, in the shape a dossier files it (Mẫu 01, Mẫu 02 Part I
and II). Frozen into a dossier version at submission; read live for an open draft."""


def snapshot(producer) -> dict:
    return {
        "name": producer.name,
        "legal_type": producer.get_legal_type_display(),
        "address": producer.address,
        "commune": str(producer.commune),
        "phone": producer.phone,
        "email": producer.email,
        # Optional ("Số giấy đăng ký (nếu có)"): "" when there is none, printed as a blank.
        "registration_number": producer.registration_number or "",
        "founded_on": producer.founded_on.strftime("%d/%m/%Y") if producer.founded_on else "",
        "representative_name": producer.representative_name,
        "representative_title": producer.representative_title,
        "representative_gender": producer.get_representative_gender_display(),
        "representative_ethnicity": producer.representative_ethnicity or "",
        "workforce": producer.workforce,
        "local_workforce": producer.local_workforce,
        "financials": [
            {"year": f.year, "revenue": str(f.revenue), "profit": str(f.profit)}
            for f in producer.financials.order_by("year")
        ],
    }
