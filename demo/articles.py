"""How an article's body is put together from plain data: point sections, research, tips, a product card
and references. `load_demo` builds the reference article with it and `load_scale` thousands more, so a
generated article is stored exactly like one written in the admin."""


def point_section(point_pk, section):
    return {
        "type": "point_section",
        "value": {
            "point": point_pk,
            "heading": section["heading"],
            "why": section["why"],
            "steps": [
                {"text": text, "minutes_min": lo, "minutes_max": hi, "per": per}
                for text, lo, hi, per in section["steps"]
            ],
            "after_note": section["after"],
        },
    }


def article_body(data, points, product_pk):
    """The StreamField data for an article described like ``demo.content.ARTICLE``. ``points`` maps each
    section's point code to the acupoint's id; sections, research, tips and references are each optional."""
    body = [point_section(points[s["code"]], s) for s in data["sections"]]
    if data.get("research"):
        body.append({"type": "rich_text", "value": data["research"]})
    if data.get("tips"):
        tips = data["tips"]
        body.append(
            {
                "type": "tips",
                "value": {
                    "heading": tips["heading"],
                    "tips": [{"title": t, "text": x} for t, x in tips["tips"]],
                    "closing": tips["closing"],
                },
            }
        )
    if product_pk is not None:
        body.append(
            {
                "type": "product_card",
                "value": {"heading": data["product_heading"], "lead": data["product_lead"], "product": product_pk},
            }
        )
    if data.get("references"):
        body.append({"type": "references", "value": {"heading": "References", "references": data["references"]}})
    return body
