"""The demo content: the reference article and everything it needs, in our own words.
Facts (names, codes, order, durations, schools, ISBNs, product figures) follow shared/seed/."""

HOME = {
    "title": "TCM Tips",
    "intro": "Plain, medically reviewed guides to acupressure and gua sha, and a library of all 361 acupoints.",
}

DISCLOSURE = (
    "TCM Tips earns a commission when you buy through a retailer link on this page, at no extra cost to you. "
    "Our editors choose the products; reader reviews are never paid for."
)
FOOTER = "<p>TCM Tips: Traditional Chinese Medicine explained simply, and checked by practitioners.</p>"

REVIEWER_USERNAME = "mai.sogawa"
REVIEWER_EMAIL = "mai.sogawa@example.org"  # a reserved example domain: mail to it goes nowhere

REVIEWER = {
    "slug": "mai-sogawa",
    "title": "Mai Sogawa",
    "honorific": "Ms.",
    "role": "Senior TCM therapist",
    "short_bio": (
        "Ms. Mai Sogawa is a senior therapist in Japan. She trained at the Japan Medical School of Judo "
        "Acupuncture and Moxibustion International Education College."
    ),
    "bio": (
        "<p>Ms. Mai Sogawa works as a senior therapist, treating clients with acupuncture, moxibustion and "
        "acupressure. She completed her training at the Japan Medical School of Judo Acupuncture and "
        "Moxibustion International Education College.</p><p>For TCM Tips she checks that every point "
        "location, step and caution in an article matches clinical practice before it is published.</p>"
    ),
    "credentials": (
        "Senior therapist\n"
        "Graduate of the Japan Medical School of Judo Acupuncture and Moxibustion International Education College"
    ),
}

AUTHOR = {
    "slug": "p-sze",
    "title": "P. Sze",
    "honorific": "",
    "role": "Founder of TCM Tips and Dragon Acupuncture®",
    "short_bio": (
        "P. Sze founded TCM Tips and Dragon Acupuncture®. An engineer by training, she writes to make "
        "oriental medicine approachable, and is the author of two books on ear seeds and facial gua sha."
    ),
    "bio": (
        "<p>P. Sze is the founder of TCM Tips and of Dragon Acupuncture®, where she designs the brand's "
        "TCM products. She studied Civil Engineering at the National University of Singapore, graduating "
        "with first-class honours, and went on to a master's degree in Engineering.</p>"
        "<p>Her aim is simple: the theory behind oriental medicine can look daunting, and techniques with "
        "needles and fire can look risky, but neither should stop anyone from trying it. That is why she "
        "writes so much about acupressure and the everyday good it can do.</p>"
    ),
    "credentials": (
        "First-class honours in Civil Engineering, National University of Singapore\nMaster's degree in Engineering"
    ),
    "books": [
        ("The Beginner's Guide to Auricular Therapy: Application of Ear Seeds", "9781520451398"),
        ("Facial Gua Sha - Fight the Signs of Aging Naturally and Inexpensively", "9781980678922"),
    ],
}

SHOP = {
    "page": {
        "title": "Shop",
        "intro": (
            "Tools our writers use in the guides, with ratings from readers who bought them. "
            "Every retailer link is checked regularly."
        ),
        "seo_title": "Gua sha and acupressure tools, rated by readers",
    },
    "categories": [
        ("Facial tools", "facial-tools", "Stones and rollers shaped for the face and neck."),
        ("Body tools", "body-tools", "Larger scrapers and cups for the back, shoulders and legs."),
        ("Acupressure aids", "acupressure-aids", "Probes, mats and balls that press points for you."),
    ],
    "product_categories": ["facial-tools"],
}

PRODUCT = {
    "slug": "facial-gua-sha-tool",
    "name": "Facial Gua Sha Tool For Beginner",
    "badge": "Best Gua Sha Product",
    "tagline": "A ceramic gua sha tool with a 7-step routine, made for people trying gua sha for the first time.",
    "features": [
        (
            "Anti-Aging",
            "Shaped to work on 11 specific signs of aging, among them wrinkles and sagging skin. "
            "Following its 7-step routine helps firm the skin and soften fine lines, naturally.",
        ),
        (
            "Enhances Skincare Routine",
            "Glide it over your serum or lotion: the strokes help your skincare products sink in and do more.",
        ),
        (
            "Visible Skin Improvement",
            "Look for a smoother complexion, less puffiness and a fresher, younger-looking face.",
        ),
    ],
    "offer": {
        "slug": "facial-gua-sha-tool-amazon",
        "retailer": "Amazon",
        "label": "Purchase on Amazon",
        "url": "https://www.amazon.com/s?k=Facial+Gua+Sha+Tool+For+Beginner",
    },
    "review": {
        "name": "Linda K.",
        "rating": 5,
        "text": (
            "Heavy, solid ceramic that feels built to last for years. After a handful of sessions my cheeks "
            "look less puffy and the blood really gets moving where I use it. The pink zip pouch makes it easy "
            "to pack, and the quick-start guide and ebook got me going without guesswork."
        ),
    },
}

ARTICLE = {
    "slug": "lower-back-pain-acupressure-points",
    "title": "5 Acupressure Points to Relieve Lower Back Pain and Keep Moving Pain-Free",
    "search_description": (
        "Five acupressure points for lower back pain (BL-40, GB-41, BL-23, BL-25 and PC-8), with step-by-step "
        "pressing times, reviewed by TCM therapist Ms. Mai Sogawa."
    ),
    "intro": (
        "<h2>Relieve Lower Back Pain and Boost Mobility With Acupressure</h2>"
        "<p>An aching lower back makes it hard to stay active and full of energy, and it tends to get harder "
        "as the years go by. Acupressure is a gentle, drug-free way to ease that discomfort at home: pressing "
        "particular points on the body loosens tight muscles, calms pain and supports your general "
        "wellbeing.</p><p>We asked Ms. Mai Sogawa, a TCM therapist trained in Japan, which points she reaches "
        "for first. Below are her five, in the order she recommends them, to ease lower back pain and keep "
        'you moving. If acupressure is new to you, browse the <a href="/points/">acupoint library</a> to '
        "see where each point lies.</p>"
    ),
    "topics": ["lower-back-pain"],
    # The update log: (kind, what changed). Dated the day the demo is loaded.
    "updates": [
        (
            "correction",
            "Clarified where to find BL-40: the first version said only “behind the knee”; it now says the middle "
            "of the skin crease at the back of the knee, as the point's page shows.",
        ),
    ],
    "sections": [
        {
            "code": "BL40",
            "heading": "The Commanding Point of the Lower Back",
            "why": (
                "<p>BL-40 (Weizhong) sits in the middle of the skin crease at the back of the knee. Traditional "
                "Chinese Medicine calls it the command point of the lower back, because working it eases lumbar "
                "ache and stiffness by loosening tense muscles and helping blood flow.</p>"
                "<p>Pressing it also lets the hamstrings relax. These muscles pull on the pelvis, so when they "
                "are tight the lower back often pays for it; releasing them brings relief now and over time.</p>"
            ),
            "steps": [
                ("Sit on a chair with your knees bent to a right angle (90 degrees).", None, None, ""),
                ("Find the middle of the crease behind your knee.", None, None, ""),
                ("Press and hold the point with your thumbs, keeping the pressure steady.", 1, 2, ""),
            ],
            "after": "A mild sensation spreading up towards your lower back tells you the point is working.",
        },
        {
            "code": "GB41",
            "heading": "The Pathway to Better Mobility",
            "why": (
                "<p>GB-41 (Zulinqi) lies on the top of the foot, in the hollow between the fourth and fifth "
                "metatarsal bones. It belongs to the Gallbladder meridian and is used for pain and stiffness "
                "in the lower back, the hips and the sides of the body.</p>"
                "<p>In TCM terms, pressing it lets qi (energy) move freely along the meridians and clears the "
                "blockages behind the pain. It suits anyone whose back aches from slouching or from long hours "
                "in a chair.</p>"
            ),
            "steps": [
                ("Sit comfortably with one leg crossed over the other.", None, None, ""),
                (
                    "Feel for the hollow between the bones that lead to your fourth and fifth toes, close to where "
                    "they join.",
                    None,
                    None,
                    "",
                ),
                ("Press firmly with your thumb or index finger and massage in small circles.", 1, None, ""),
            ],
            "after": "Many people feel their back and hips loosen straight away.",
        },
        {
            "code": "BL23",
            "heading": "Supporting Kidney Energy",
            "why": (
                "<p>BL-23 (Shenshu) is on the lower back, just beneath the ribcage and about two finger-widths "
                "out from the spine on each side. TCM links it closely to the kidneys, and it is a mainstay for "
                "strengthening the lower back and easing pain that keeps coming back.</p>"
                "<p>TCM sees the kidneys as the root of the body's vitality and strength, so working BL-23 is "
                "thought to lift your overall energy as well as your back.</p>"
            ),
            "steps": [
                ("Lie on your front, or sit and lean a little forward.", None, None, ""),
                ("With your thumbs, find the points on both sides of the spine just below the ribs.", None, None, ""),
                ("Hold steady pressure, switching between small circles and firm presses.", 2, 3, ""),
            ],
            "after": "Worked regularly, BL-23 can help stop back pain returning and make you more resilient when "
            "you are active.",
        },
        {
            "code": "BL25",
            "heading": "The Gate to Back Health",
            "why": (
                "<p>BL-25 (Dachangshu) is on the lower back at about waist height. Picture a level line running "
                "from your navel around to your back: the point sits on it, about two finger-widths to either "
                "side of the spine.</p>"
                "<p>Pressing it releases tension and helps energy move smoothly through the lower back. It is a "
                "good choice if you sit for much of the day or are recovering from hard exercise.</p>"
            ),
            "steps": [
                ("Stand, or lie down, in whatever position is comfortable.", None, None, ""),
                ("Find the spot two finger-widths out from the spine at waist level.", None, None, ""),
                ("Press gently in small circles with your thumbs.", 1, 2, ""),
            ],
            "after": "It often brings quick relief and fits easily into a daily self-care routine.",
        },
        {
            "code": "PC8",
            "heading": "The Relaxation Point",
            "why": (
                "<p>PC-8 (Laogong) is in the centre of the palm, between the second and third metacarpal bones. "
                "It has no direct link to the back, but it eases stress and tension, and stress often settles "
                "in the lower back as pain.</p>"
                "<p>TCM treats PC-8 as a calming point for mind and body alike. Dealing with stress is part of "
                "treating pain as a whole, which makes this point valuable for lasting relief.</p>"
            ),
            "steps": [
                ("Open your hand wide and find the soft hollow in the middle of your palm.", None, None, ""),
                ("Press with the thumb of your other hand, massaging in small circles.", None, None, ""),
                ("Keep going, then change hands.", 2, None, "on each hand"),
            ],
            "after": "Adding PC-8 to your routine helps you relax overall, and your back benefits in turn.",
        },
    ],
    "tips": {
        "heading": "Final Tips for Acupressure",
        "tips": [
            (
                "Practice Regularly",
                "Pressing these points often, not only when pain flares, helps prevent it and keeps you mobile.",
            ),
            ("Be Patient", "The benefits of acupressure build up gradually, so give them time."),
            ("Complement with Movement", "Combine acupressure with gentle stretching or yoga to get more from it."),
        ],
        "closing": (
            "Make these points part of your daily routine and you can ease lower back pain naturally and stay "
            "active. With Ms. Mai Sogawa's guidance, you now have clear steps for staying mobile and free of pain."
        ),
    },
    # Summaries in our own words of sources a reader can check; chosen because each is findable by its
    # DOI, PubMed ID or ISBN (the ISBN's check digit is verified by the block).
    "research": (
        "<h2>What the Research Says</h2>"
        "<p>Acupressure for low back pain has been tested in clinical trials. In a randomised trial in "
        "Taiwan, people with chronic low back pain who had a month of acupressure reported less pain-related "
        "disability than people who had physical therapy, and the difference was still there six months "
        "later [1]. A smaller randomised feasibility study of ear (auricular) point acupressure, with seeds "
        "taped to the ear points for four weeks, found that pain eased more with the true points than with "
        "sham points [2].</p>"
        "<p>These results are encouraging but come from a few, fairly small studies. Acupressure complements "
        "medical care; it does not replace it. See a health professional if your pain is severe, follows a "
        "fall or injury, or comes with numbness, weakness or fever. The point locations in this guide follow "
        "the World Health Organization's standard [3].</p>"
    ),
    "references": [
        {
            "authors": "Hsieh LL, Kuo CH, Lee LH, Yen AM, Chien KL, Chen TH",
            "title": "Treatment of low back pain by acupressure and physical therapy: randomised controlled trial",
            "source": "BMJ",
            "year": 2006,
            "details": "332(7543):696–700",
            "url": "",
            "doi": "10.1136/bmj.38744.672616.AE",
            "pmid": "16488895",
            "isbn": "",
        },
        {
            "authors": "Yeh CH, Chien LC, Balaban D, et al.",
            "title": (
                "A randomized clinical trial of auricular point acupressure for chronic low back pain: "
                "a feasibility study"
            ),
            "source": "Evidence-Based Complementary and Alternative Medicine",
            "year": 2013,
            "details": "2013:196978",
            "url": "",
            "doi": "10.1155/2013/196978",
            "pmid": "",
            "isbn": "",
        },
        {
            "authors": "World Health Organization, Regional Office for the Western Pacific",
            "title": "WHO Standard Acupuncture Point Locations in the Western Pacific Region",
            "source": "World Health Organization",
            "year": 2008,
            "details": "",
            "url": "",
            "doi": "",
            "pmid": "",
            "isbn": "9789290613831",
        },
    ],
    "product_heading": "Gua Sha Tool",
    "product_lead": "Try our anti-aging gua sha tool, made to bring out your skin's natural glow.",
}
