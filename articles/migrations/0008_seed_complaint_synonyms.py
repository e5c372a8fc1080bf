"""The words readers commonly type for each complaint, so a fresh install's search understands "stuffy nose"
or "menstrual cramps". Editors change them in the admin; this only fills complaints whose synonyms are empty
and creates the standard complaints the acupoint data files points under (the loader finds them by slug)."""

from django.db import migrations

SEED = {
    "lower-back-pain": ("Lower back pain", ["backache", "back ache", "back pain", "sore back", "lumbago", "sciatica"]),
    "neck-pain": ("Neck pain", ["stiff neck", "sore neck", "neck ache", "crick in the neck", "neck tension"]),
    "shoulder-pain": ("Shoulder pain", ["stiff shoulders", "sore shoulder", "frozen shoulder", "shoulder tension"]),
    "knee-pain": ("Knee pain", ["sore knees", "knee ache", "stiff knees"]),
    "hip-pain": ("Hip pain", ["sore hip", "hip ache", "stiff hips"]),
    "wrist-pain": ("Wrist pain", ["sore wrist", "carpal tunnel", "repetitive strain", "rsi"]),
    "headache": ("Headache", ["migraine", "head pain", "tension headache", "sore head"]),
    "stress": (
        "Stress and anxiety",
        ["anxious", "anxiety", "stressed", "worry", "worried", "nervous", "nerves", "panic", "tense", "overwhelmed"],
    ),
    "insomnia": (
        "Sleep problems",
        ["insomnia", "sleeplessness", "can't sleep", "cannot sleep", "trouble sleeping", "poor sleep", "waking at night"],
    ),
    "nausea": (
        "Nausea",
        ["feeling sick", "sickness", "morning sickness", "motion sickness", "travel sickness", "car sickness",
         "seasickness", "queasy", "vomiting"],
    ),
    "indigestion": ("Indigestion", ["heartburn", "acid reflux", "bloating", "bloated", "upset stomach", "stomach ache"]),
    "constipation": ("Constipation", ["constipated", "sluggish bowels", "irregular bowels"]),
    "menstrual-pain": (
        "Period pain",
        ["menstrual cramps", "menstrual pain", "period cramps", "cramps", "painful periods", "dysmenorrhea", "pms"],
    ),
    "cough": ("Cough", ["coughing", "chesty cough", "dry cough"]),
    "common-cold": ("Colds", ["cold", "common cold", "runny nose", "flu", "chill"]),
    "sore-throat": ("Sore throat", ["throat pain", "scratchy throat", "hoarse voice", "hoarseness"]),
    "fatigue": ("Fatigue", ["tired", "tiredness", "exhausted", "exhaustion", "low energy", "no energy", "weary"]),
    "eye-strain": ("Eye strain", ["tired eyes", "sore eyes", "dry eyes", "screen fatigue", "eyestrain"]),
    "toothache": ("Toothache", ["tooth pain", "sore tooth", "dental pain", "jaw pain"]),
    "dizziness": ("Dizziness", ["dizzy", "vertigo", "light headed", "lightheaded", "giddy"]),
    "sinus-congestion": (
        "Blocked sinuses",
        ["stuffy nose", "blocked nose", "congested nose", "nasal congestion", "sinus congestion", "sinusitis",
         "sinus pain", "hay fever"],
    ),
}


def seed(apps, schema_editor):
    Complaint = apps.get_model("articles", "Complaint")
    for slug, (name, synonyms) in SEED.items():
        complaint = Complaint.objects.filter(slug=slug).first()
        if complaint is None:
            if Complaint.objects.filter(name=name).exists():
                continue
            complaint = Complaint(slug=slug, name=name)
        if not complaint.synonyms:
            complaint.synonyms = "\n".join(synonyms)
            complaint.save()


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0007_complaint_synonyms"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
