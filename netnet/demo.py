"""A realistic sample network, so every screen has something true to show.

Everything is dated relative to the clock, so "overdue" and "due today" stay
true whenever the demo is opened. The people are invented.
"""

from __future__ import annotations

import uuid as uuidlib
from datetime import datetime, timedelta

from netnet.core.clock import Clock, to_iso
from netnet.data.contacts import ContactInput, Method, insert_contact, insert_interaction
from netnet.data.notes_search import fill_search_texts
from netnet.data.store import Store, Tx

# name, circle, connector role, organisation, title, field, tags, days since last contact
PEOPLE: list[tuple[str, str | None, str | None, str, str, str, str, int | None]] = [
    ("Joe Okafor", "friend", None, "Harbour Health", "Operations Manager", "healthcare", "climbing", 20),
    ("Maria Lindqvist", "coworker", None, "Harbour Health", "Head of Data", "healthcare", "data", 50),
    ("Søren Kjær", None, None, "Northwind Analytics", "Data Scientist", "analytics", "", None),
    ("Father Tomás Rivera", "organisation", "clergy", "St. Brendan's Parish", "Pastor", "community", "", 40),
    ("Linda Marsh", "neighbour", "real_estate", "Marsh & Co Realty", "Broker", "real estate", "", 100),
    ("Dee Franklin", "other", "hair_beauty", "Studio Dee", "Owner", "beauty", "", 75),
    ("Sam Ortega", "friend", "hospitality", "The Copper Kettle", "Bartender", "hospitality", "", 12),
    ("Priya Natarajan", "classmate", None, "Brightline Energy", "Policy Analyst", "energy", "alumni", 200),
    ("Ahmed Haddad", "coworker", None, "Kestrel Software", "Engineering Manager", "software", "mentor", 35),
    ("Grace Liu", "family", None, "City Library", "Librarian", "libraries", "", 10),
    ("Tom Becker", "family", None, "Becker Builders", "Site Supervisor", "construction", "", 70),
    ("Hannah Schmidt", "neighbour", None, "Greenfield School", "Teacher", "education", "", 30),
    ("Oliver Grant", "organisation", None, "Rotary Club", "Treasurer", "finance", "rotary", 120),
    ("Chloé Dubois", "classmate", None, "Atelier Dubois", "Designer", "design", "alumni", 400),
    ("Kwame Mensah", "coworker", None, "Kestrel Software", "Product Manager", "software", "", 15),
    ("Elena Petrova", "organisation", "counselling", "Career Bridge", "Career Counsellor", "careers", "rotary", 25),
    ("Marcus Webb", "friend", None, "Webb Legal", "Attorney", "law", "", 95),
    ("Aisha Bello", "classmate", None, "Harbour Health", "Nurse Practitioner", "healthcare", "alumni", 60),
    ("Jan Nowak", "coworker", None, "Open Health Institute", "Senior Data Analyst", "analytics", "", 45),
    ("Łucja Wiśniewska", "other", None, "Baltic Freight", "Logistics Coordinator", "logistics", "", None),
    ("Rosa Martínez", "neighbour", "retail", "Corner Books", "Shop Owner", "retail", "", 18),
    ("David Cohen", "friend", None, "Cohen Capital", "Investor", "finance", "", 150),
    ("Yuki Tanaka", "organisation", None, "Data for Good", "Volunteer Lead", "non-profit", "volunteering", 28),
    ("Ben Adeyemi", "coworker", None, "Kestrel Software", "Senior Engineer", "software", "", 8),
    ("Nora O'Brien", "family", None, "", "Retired Nurse", "healthcare", "", 5),
    ("Lars Eriksen", "classmate", None, "Fjord Energy", "Engineer", "energy", "alumni", 300),
    ("Fatima Zahra", "organisation", None, "Women in Data", "Chapter Lead", "analytics", "volunteering", 55),
    ("Gabriel Costa", "friend", None, "Costa Coffee Roasters", "Founder", "food", "", 33),
    ("Ingrid Holm", "other", None, "Harbour Health", "Recruiter", "healthcare", "hiring", 80),
    ("Victor Huang", "coworker", None, "Northwind Analytics", "CTO", "analytics", "", 140),
    ("Mei Chen", None, None, "Bluebird Labs", "Research Scientist", "research", "", None),
    ("Patrick Doyle", None, None, "Doyle Consulting", "Consultant", "consulting", "", None),
    ("Amara Nwosu", "classmate", None, "Open Health Institute", "Program Director", "public health", "alumni", 90),
    ("Henrik Lund", "organisation", None, "Rotary Club", "President", "banking", "rotary", 65),
    ("Sofia Rossi", "friend", None, "Rossi & Partners", "Architect", "architecture", "", 22),
    ("Tariq Ali", "neighbour", None, "Ali Pharmacy", "Pharmacist", "healthcare", "", 14),
    ("Zoë Fischer", "coworker", None, "Kestrel Software", "UX Researcher", "software", "", 48),
    ("Ruth Okonkwo", "family", None, "Okonkwo & Daughters", "Accountant", "finance", "", 62),
    ("Carlos Mendes", None, None, "Harbour Health", "Director of Analytics", "healthcare", "", None),
    ("Ivy Brooks", "organisation", None, "Toastmasters", "Area Director", "communication", "", 38),
]

EMAILS = {
    "Joe Okafor": "joe.okafor@example.org",
    "Maria Lindqvist": "maria.lindqvist@harbourhealth.example",
    "Søren Kjær": "soren@northwind.example",
    "Ahmed Haddad": "ahmed@kestrel.example",
    "Elena Petrova": "elena@careerbridge.example",
    "Ingrid Holm": "ingrid.holm@harbourhealth.example",
    "Carlos Mendes": "carlos.mendes@harbourhealth.example",
}
PHONES = {"Joe Okafor": "+1 555 010 2233", "Grace Liu": "555-0101", "Sam Ortega": "(555) 013-4477"}

# Job changes the last LinkedIn export showed: name, (organisation, title) before, days ago. Their
# PEOPLE entry is where they are now. Jan is a co-worker: a congratulation waits in the queue;
# Mei is in no circle: her change is listed, not queued.
JOB_CHANGES = [
    ("Jan Nowak", ("Northwind Analytics", "Analytics Lead"), 0),
    ("Mei Chen", ("City University", "Postdoctoral Researcher"), 40),
]
BIRTHDAY_IN_DAYS = {"Grace Liu": 2}  # a birthday two days from today: a greeting in the queue


def _uuid() -> str:
    return str(uuidlib.uuid4())


def build_demo(store: Store, clock: Clock) -> None:
    """Fill an empty store with the sample network."""
    now = clock.now()
    with store.write() as conn:
        if conn.execute("SELECT count(*) AS n FROM contact").fetchone().n:
            return
        ids: dict[str, int] = {}
        for name, circle, role, org, title, field, tags, days in PEOPLE:
            given, _, family = name.rpartition(" ")
            if name.startswith("Father "):
                given, family = "Tomás", "Rivera"
            methods = []
            if name in EMAILS:
                methods.append(Method("email", EMAILS[name], "work"))
            if name in PHONES:
                methods.append(Method("phone", PHONES[name], "mobile"))
            created = now - timedelta(days=(days or 30) + 200)
            cid = insert_contact(conn, ContactInput(
                display_name=name, given_name=given, family_name=family, circle=circle,
                connector_role=role, organisation=org, title=title, field=field,
                tags=[t for t in tags.split(",") if t], methods=methods,
            ), created)
            ids[name] = cid
            if days is not None:
                insert_interaction(conn, cid, "meeting" if days % 2 else "call",
                                   now - timedelta(days=days), created,
                                   f"Caught up with {given}.")
        # Referral chain three deep: you → Joe → Maria → Carlos (and Maria → Søren).
        conn.execute("UPDATE contact SET introduced_by_id = :introduced_by_id WHERE id = :id",
                     {"introduced_by_id": ids["Joe Okafor"], "id": ids["Maria Lindqvist"]})
        conn.execute("UPDATE contact SET introduced_by_id = :introduced_by_id WHERE id = :id",
                     {"introduced_by_id": ids["Maria Lindqvist"], "id": ids["Carlos Mendes"]})
        conn.execute("UPDATE contact SET introduced_by_id = :introduced_by_id WHERE id = :id",
                     {"introduced_by_id": ids["Maria Lindqvist"], "id": ids["Søren Kjær"]})
        conn.execute("UPDATE contact SET notes = :notes WHERE id = :id",
                     {"notes": "Knows everyone in the hospital's admin side. Prefers texts to e-mail.",
                      "id": ids["Joe Okafor"]})
        conn.execute("UPDATE contact SET notes = :notes WHERE id = :id",
                     {"notes": "Met through Joe. Leads the data team; hiring next spring.",
                      "id": ids["Maria Lindqvist"]})
        for name, days in BIRTHDAY_IN_DAYS.items():  # a leap year, so the 29th of February is a birthday too
            conn.execute("UPDATE contact SET birthday = :birthday WHERE id = :id",
                         {"birthday": f"1988-{(now.astimezone().date() + timedelta(days=days)):%m-%d}",
                          "id": ids[name]})
        made = _goals(conn, ids, now)
        _opportunities(conn, ids, now, made["data"], made["skill"], made["interview"])
        _job_changes(conn, ids, now)
        fill_search_texts(conn)  # the interviews above were written as rows: their notes' words too


def _goals(conn: Tx, ids: dict[str, int], now: datetime) -> dict[str, int]:
    """Goals, targets, asks, interviews, the plan and follow-ups; returns the goals' and the finished
    interview's ids (``data``, ``skill``, ``interview``)."""
    stamp = to_iso(now)

    def goal(kind: str, title: str, description: str, status: str = "active", days: int | None = None) -> int:
        target_date = (now + timedelta(days=days)).date().isoformat() if days else None
        return conn.execute(
            "INSERT INTO goal (uuid, kind, title, description, status, target_date, created_at, updated_at) "
            "VALUES (:uuid, :kind, :title, :description, :status, :target_date, :created_at, :updated_at) RETURNING id",
            {"uuid": _uuid(), "kind": kind, "title": title, "description": description, "status": status,
             "target_date": target_date, "created_at": to_iso(now - timedelta(days=60)), "updated_at": stamp},
        ).fetchone().id

    def target(goal_id: int, kind: str, want: str, stage: str, history: list[tuple[str, int]], *,
               person: str = "", title: str = "", org: str = "", field: str = "", contact: str | None = None,
               position: int = 0) -> int:
        tid = conn.execute(
            "INSERT INTO target (uuid, goal_id, kind, person_name, job_title, organisation, field, want, stage, "
            "contact_id, position, created_at, updated_at) VALUES (:uuid, :goal_id, :kind, :person_name, "
            ":job_title, :organisation, :field, :want, :stage, :contact_id, :position, :created_at, :updated_at) RETURNING id",
            {"uuid": _uuid(), "goal_id": goal_id, "kind": kind, "person_name": person, "job_title": title,
             "organisation": org, "field": field, "want": want, "stage": stage,
             "contact_id": ids.get(contact) if contact else None, "position": position,
             "created_at": to_iso(now - timedelta(days=50)), "updated_at": stamp},
        ).fetchone().id
        for event_stage, days_ago in history:
            conn.execute("INSERT INTO target_stage_event (target_id, stage, at) VALUES (:target_id, :stage, :at)",
                         {"target_id": tid, "stage": event_stage, "at": to_iso(now - timedelta(days=days_ago))})
        return tid

    data_goal = goal("career_change", "Move from operations into healthcare analytics",
                     "Use my operations background in a data role at a hospital.", days=120)
    skill_goal = goal("new_skill", "Bring forecasting into my current work",
                      "Learn demand forecasting and use it in planning.", days=200)
    goal("first_job", "Volunteer coordinator role", "Earlier idea, paused while I focus on analytics.",
         status="paused")

    t_maria = target(data_goal, "person", "need", "interviewed",
                     [("listed", 50), ("referral_asked", 45), ("introduced", 40), ("contacted", 30), ("interviewed", 9)],
                     person="Maria Lindqvist", org="Harbour Health", field="healthcare", contact="Maria Lindqvist")
    t_carlos = target(data_goal, "person", "need", "introduced",
                      [("listed", 20), ("referral_asked", 9), ("introduced", 2)],
                      person="Carlos Mendes", title="Director of Analytics", org="Harbour Health",
                      contact="Carlos Mendes", position=1)
    t_title = target(data_goal, "title", "like", "referral_asked", [("listed", 30), ("referral_asked", 5)],
                     title="Clinical Data Analyst", org="Open Health Institute", field="public health", position=2)
    target(data_goal, "organisation", "like", "listed", [("listed", 10)], org="Northwind Analytics",
           field="analytics", position=3)
    t_fore = target(skill_goal, "title", "need", "contacted", [("listed", 40), ("contacted", 6)],
                    title="Demand Planner", field="logistics", contact="Łucja Wiśniewska")
    target(skill_goal, "organisation", "like", "listed", [("listed", 12)], org="Data for Good", position=1)

    # Referral asks: one answered with a name, one awaiting an answer.
    ask_done = conn.execute(
        "INSERT INTO referral_ask (uuid, target_id, contact_id, asked_at, draft, answer, answered_at, "
        "introduced_contact_id, created_at, updated_at) VALUES (:uuid, :target_id, :contact_id, "
        ":asked_at, :draft, :answer, :answered_at, :introduced_contact_id, :created_at, :updated_at) RETURNING id",
        {"uuid": _uuid(), "target_id": t_carlos, "contact_id": ids["Maria Lindqvist"],
         "asked_at": to_iso(now - timedelta(days=9)),
         "draft": "Do you happen to know anyone who leads analytics at Harbour Health?", "answer": "introduced",
         "answered_at": to_iso(now - timedelta(days=2)), "introduced_contact_id": ids["Carlos Mendes"],
         "created_at": stamp, "updated_at": stamp},
    ).fetchone().id
    ask_open = conn.execute(
        "INSERT INTO referral_ask (uuid, target_id, contact_id, asked_at, draft, answer, created_at, updated_at) "
        "VALUES (:uuid, :target_id, :contact_id, :asked_at, :draft, :answer, :created_at, :updated_at) RETURNING id",
        {"uuid": _uuid(), "target_id": t_title, "contact_id": ids["Amara Nwosu"],
         "asked_at": to_iso(now - timedelta(days=5)),
         "draft": "Do you happen to know anyone who works as a clinical data analyst at Open Health Institute?",
         "answer": "pending", "created_at": stamp, "updated_at": stamp},
    ).fetchone().id
    del ask_done

    # One finished interview with notes and lessons.
    started = now - timedelta(days=9, hours=2)
    interview = conn.execute(
        "INSERT INTO interview (uuid, contact_id, goal_id, target_id, purpose, format, scheduled_at, length_seconds, "
        "started_at, ended_at, elapsed_seconds, status, notes, learned, created_at, updated_at) "
        "VALUES (:uuid, :contact_id, :goal_id, :target_id, :purpose, :format, :scheduled_at, "
        ":length_seconds, :started_at, :ended_at, :elapsed_seconds, :status, :notes, :learned, "
        ":created_at, :updated_at) RETURNING id",
        {"uuid": _uuid(), "contact_id": ids["Maria Lindqvist"], "goal_id": data_goal,
         "target_id": t_maria, "purpose": "job_org", "format": "phone", "scheduled_at": to_iso(started),
         "length_seconds": 900,
         "started_at": to_iso(started), "ended_at": to_iso(started + timedelta(minutes=16)),
         "elapsed_seconds": 16 * 60, "status": "done",
         "notes": "[00:40] Most analysts came from clinical or operations roles, not straight from school.\n"
         "[04:10] Hiring: referrals first, then a take-home exercise with real (anonymised) bed data.\n"
         "[08:30] Big project this year: predicting discharge delays.\n"
         "[12:05] SQL and a feel for how wards really run beat fancy models.\n"
         "[14:20] Suggested I talk to Carlos Mendes, her director.",
         "learned": "Operations experience is an asset, not a gap. Learn SQL properly. Ask Carlos about "
                    "the discharge project.",
         "created_at": to_iso(now - timedelta(days=12)), "updated_at": stamp},
    ).fetchone().id
    questions = [
        ("Insights", "How did you come into this role, and what path do most people take?", 1,
         "Clinical or operations first."),
        ("Insights", "How does hiring work here, and what happens before a job is posted?", 1,
         "Referrals, then a take-home."),
        ("Trends", "What projects are under way that excite you?", 1, "Discharge delays."),
        ("Advice", "Which skills would give a candidate an edge?", 1, "SQL, knowing the wards."),
        ("Resources", "Who else should I talk to?", 1, "Carlos Mendes."),
    ]
    for pos, (family, text, answered, note) in enumerate(questions):
        conn.execute(
            "INSERT INTO interview_question (uuid, interview_id, position, family, text, answered, notes) "
            "VALUES (:uuid, :interview_id, :position, :family, :text, :answered, :notes)",
            {"uuid": _uuid(), "interview_id": interview, "position": pos, "family": family, "text": text,
             "answered": answered, "notes": note})
    insert_interaction(conn, ids["Maria Lindqvist"], "interview", started, now,
                       "Information interview about analytics at Harbour Health.", interview_id=interview)

    # A scheduled interview for tomorrow with Carlos.
    conn.execute(
        "INSERT INTO interview (uuid, contact_id, goal_id, target_id, purpose, format, scheduled_at, "
        "length_seconds, status, created_at, updated_at) VALUES (:uuid, :contact_id, :goal_id, "
        ":target_id, :purpose, :format, :scheduled_at, :length_seconds, :status, :created_at, :updated_at)",
        {"uuid": _uuid(), "contact_id": ids["Carlos Mendes"], "goal_id": data_goal, "target_id": t_carlos,
         "purpose": "job_org", "format": "in_person",
         "scheduled_at": to_iso((now + timedelta(days=1)).replace(hour=15, minute=0, second=0, microsecond=0)),
         "length_seconds": 900, "status": "scheduled", "created_at": stamp, "updated_at": stamp},
    )

    for kind, horizon, text, status in [
        ("skill", "short", "Take an intermediate SQL course and practise on public hospital data", "doing"),
        ("insight", "short", "Describe my operations years as domain knowledge on my CV", "done"),
        ("skill", "long", "Learn survival analysis for length-of-stay questions", "idea"),
    ]:
        conn.execute(
            "INSERT INTO plan_item (uuid, goal_id, kind, horizon, text, status, source_interview_id, "
            "source_contact_id, created_at, updated_at) VALUES (:uuid, :goal_id, :kind, :horizon, :text, "
            ":status, :source_interview_id, :source_contact_id, :created_at, :updated_at)",
            {"uuid": _uuid(), "goal_id": data_goal, "kind": kind, "horizon": horizon, "text": text,
             "status": status, "source_interview_id": interview,
             "source_contact_id": ids["Maria Lindqvist"], "created_at": stamp, "updated_at": stamp})

    today = now.astimezone().date()

    def followup(kind: str, title: str, due_days: int, contact: str | None, *, status: str = "open",
                 draft: str = "", ask: int | None = None, target_id: int | None = None,
                 interview_id: int | None = None) -> None:
        conn.execute(
            "INSERT INTO followup (uuid, kind, title, draft, due_date, status, done_at, contact_id, interview_id, "
            "goal_id, target_id, referral_ask_id, created_at, updated_at) VALUES (:uuid, :kind, :title, "
            ":draft, :due_date, :status, :done_at, :contact_id, :interview_id, :goal_id, :target_id, "
            ":referral_ask_id, :created_at, :updated_at)",
            {"uuid": _uuid(), "kind": kind, "title": title, "draft": draft,
             "due_date": (today + timedelta(days=due_days)).isoformat(), "status": status,
             "done_at": stamp if status == "done" else None,
             "contact_id": ids.get(contact) if contact else None, "interview_id": interview_id,
             "goal_id": data_goal, "target_id": target_id, "referral_ask_id": ask, "created_at": stamp,
             "updated_at": stamp})

    followup("thank_you", "Thank Maria for the information interview", -8, "Maria Lindqvist", status="done",
             draft="Dear Maria, thank you for your time…", interview_id=interview)
    followup("thank_you", "Thank Maria for introducing Carlos", -1, "Maria Lindqvist",
             draft="Hi Maria, thank you for putting me in touch with Carlos. I'll let you know how it goes.")
    followup("referral_next", "No answer from Amara yet: ask the next person about Clinical Data Analyst", -2,
             "Amara Nwosu", ask=ask_open, target_id=t_title)
    followup("action", "Send Carlos my one-page summary before we meet", 0, "Carlos Mendes", target_id=t_carlos)
    followup("manual", "Update LinkedIn headline to mention analytics", 3, None)
    followup("action", "Read the discharge-delay paper Maria mentioned", 6, "Maria Lindqvist")
    del t_fore
    return {"data": data_goal, "skill": skill_goal, "interview": interview}


# title, kind, organisation, goal ("data" or "skill"), source person, seconds into Maria's call,
# stages walked (stage, days ago), outcome, next step (title, due in days), link, notes
OPPORTUNITIES: list[tuple] = [
    ("Discharge-delay prediction project", "project", "Harbour Health", "data", "Maria Lindqvist", 8 * 60 + 30,
     [("heard", 9), ("researching", 6)], None, ("Ask Carlos how the discharge project is staffed", 1), "",
     "Maria: the big project this year; they want someone who knows how wards really run."),
    ("Junior data analyst", "opening", "Open Health Institute", "data", None, None,
     [("heard", 21), ("researching", 16), ("applied", 4)], None, ("Ask Amara whether my application arrived", 2),
     "https://openhealth.example/jobs/junior-data-analyst", "Found on their jobs page. SQL test in round two."),
    ("Analytics team about to hire", "team", "Northwind Analytics", "data", "Søren Kjær", None,
     [("heard", 7)], None, ("Read Northwind's engineering blog before writing to Victor", 5), "",
     "Søren says two analyst roles open in the new year, before they are posted."),
    ("Forecasting volunteer", "volunteer", "Data for Good", "skill", "Yuki Tanaka", None,
     [("heard", 30), ("researching", 25), ("applied", 20), ("interviewing", 3)], None,
     ("Prepare a short forecasting example for Yuki", 3), "https://dataforgood.example/volunteer",
     "Weekly demand forecasts for a food bank: real practice for my skill goal."),
    ("Operations analyst", "opening", "Brightline Energy", "data", "Priya Natarajan", None,
     [("heard", 60), ("applied", 50), ("interviewing", 40), ("closed", 30)], "not_chosen", None, "",
     "They chose someone with energy-market experience; Priya will tell me about the next one."),
]


def _opportunities(conn: Tx, ids: dict[str, int], now: datetime, data_goal: int, skill_goal: int,
                   interview: int) -> None:
    """A few opportunities in different stages: one heard in Maria's call, one found myself, one closed."""
    today = now.astimezone().date()
    goals = {"data": data_goal, "skill": skill_goal}
    for (title, kind, org, goal, source, seconds, stages, outcome, step, link, notes) in OPPORTUNITIES:
        changed = to_iso(now - timedelta(days=stages[-1][1]))
        followup_id = None
        if step is not None:
            followup_id = conn.execute(
                "INSERT INTO followup (uuid, kind, title, draft, due_date, status, contact_id, goal_id, created_at, "
                "updated_at) VALUES (:uuid, 'action', :title, '', :due_date, 'open', :contact_id, :goal_id, "
                ":created_at, :updated_at) RETURNING id",
                {"uuid": _uuid(), "title": step[0], "due_date": (today + timedelta(days=step[1])).isoformat(),
                 "contact_id": None, "goal_id": goals[goal], "created_at": changed, "updated_at": changed},
            ).fetchone().id
        opportunity_id = conn.execute(
            "INSERT INTO opportunity (uuid, kind, title, organisation, goal_id, source_contact_id, "
            "source_interview_id, source_seconds, followup_id, link, notes, stage, outcome, created_at, updated_at) "
            "VALUES (:uuid, :kind, :title, :organisation, :goal_id, :source_contact_id, :source_interview_id, "
            ":source_seconds, :followup_id, :link, :notes, :stage, :outcome, :created_at, :updated_at) RETURNING id",
            {"uuid": _uuid(), "kind": kind, "title": title, "organisation": org, "goal_id": goals[goal],
             "source_contact_id": ids[source] if source else None,
             "source_interview_id": interview if seconds is not None else None, "source_seconds": seconds,
             "followup_id": followup_id, "link": link, "notes": notes, "stage": stages[-1][0],
             "outcome": outcome, "created_at": to_iso(now - timedelta(days=stages[0][1])), "updated_at": changed},
        ).fetchone().id
        for stage, days in stages:
            conn.execute(
                "INSERT INTO opportunity_stage_event (opportunity_id, stage, outcome, at, note) "
                "VALUES (:opportunity_id, :stage, :outcome, :at, '')",
                {"opportunity_id": opportunity_id, "stage": stage, "outcome": outcome if stage == "closed" else None,
                 "at": to_iso(now - timedelta(days=days))})


def _job_changes(conn: Tx, ids: dict[str, int], now: datetime) -> None:
    """As an import of a newer Connections.csv would have recorded them (a congratulation included)."""
    from netnet.data.job_changes import Noticed, record_changes

    people = {name: (org, title) for name, _c, _r, org, title, *_rest in PEOPLE}
    for name, (was_org, was_title), days in JOB_CHANGES:
        org, title = people[name]
        seen = now - timedelta(days=days)
        record_changes(conn, [Noticed(ids[name], was_org, was_title, org, title)], batch_id=None,
                       filename="Connections.csv", now=seen, today=seen.astimezone().date())
