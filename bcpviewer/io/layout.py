"""The app's own workbook layout and the header synonyms it recognises in anybody's workbook.

The first synonym of each field is the header the app writes (template, sample, exports).
Headers match when equal after ignoring case, spaces and punctuation.
"""

from __future__ import annotations

from dataclasses import dataclass

from bcpviewer.model.vocab import squash


@dataclass(frozen=True)
class Field:
    key: str
    synonyms: tuple[str, ...]
    required: bool = False
    help: str = ""

    @property
    def header(self) -> str:
        return self.synonyms[0]


def _f(key: str, *synonyms: str, required: bool = False, help: str = "") -> Field:
    return Field(key, synonyms, required, help)


ACTION_FIELDS: tuple[Field, ...] = (
    _f("id", "ID", "Ref", "Reference", "No.", "No", "Action no.", "Action ref", "#", "Ref no",
       help="Your reference for the action; keeps annotations attached when rows move."),
    _f("workstream", "Workstream", "Priority", "Theme", "Strand", "Objective", "Area",
       "Recommendation", "Ofsted recommendation", "Priority area",
       help="The plan's workstream or the Ofsted recommendation the action serves."),
    _f("title", "Action", "Title", "Milestone", "Task", "Activity", "What", "Description",
       "Action description", "Task name", "Task / Phase", "Name", required=True,
       help="What will be done."),
    _f("owner", "Owner", "Lead", "Lead officer", "Responsible officer", "Who", "SRO", "Accountable",
       "Responsible", "Action owner", "Assignee", "Assigned to", "Resource names",
       help="Who is accountable."),
    _f("start", "Start", "Start date", "From", "Begin", help="When work starts (a date or month)."),
    _f("due", "Due", "Due date", "Target date", "Deadline", "By when", "When", "Timescale",
       "Original due date", "Baseline", "Baseline date", "Target completion", "Finish",
       "Finish date", "End date", "End", required=True,
       help="The original (baseline) due date. A month means its last day."),
    _f("revised_due", "Revised date", "Revised due date", "New date", "Forecast",
       "Forecast completion", "Revised target date", "Revised deadline", "Revised target",
       "Revised due", "Revised timescale", "Re-profiled date", "Reprofiled date", "Re-profiled",
       "New due date", "New target date", "Forecast date", "Revised completion date",
       "Revised end date",
       help="The latest revised due date, if the action was re-dated."),
    _f("completed", "Completed", "Date completed", "Actual completion", "Done on", "Actual",
       "Completion date", "Actual completion date", help="When it was actually completed."),
    _f("status", "Status", "RAG", "BRAG", "RAG status", "Progress", "Current status", "BRAG status",
       help="Red, Amber, Green, Blue/Complete, Not started."),
    _f("status_date", "As at", "Update date", "Reporting period", "Status date", "Date of update",
       help="When the status was reported; several rows of one action make its history."),
    _f("impact", "Impact", "Impact RAG", "Outcome rating", help="A RAG rating of the impact seen."),
    _f("success_measure", "Success measure", "Measure of success", "KPI", "Evidence of impact",
       "Outcome", "Success measures", "Success criteria",
       help="How success will be known."),
    _f("metric", "Metric", "Indicator", "Linked metric",
       help="The name of the metric (on the Metrics sheet) this action should move."),
    _f("source", "Source", "Link", "URL", "Evidence", "Report", help="Where this comes from."),
    _f("notes", "Notes", "Comments", "Commentary", "Update", "Progress update", "Latest update",
       "Update / commentary", "Progress commentary", "Progress notes", "Latest position",
       "Current position", "Position statement"),
)

EVENT_FIELDS: tuple[Field, ...] = (
    _f("id", "ID", "Ref", "No.", "No"),
    _f("date", "Date", "Start date", "Event date", "Visit date", "Date of visit", "From",
       "Fieldwork start", "Inspection date(s)", "Inspection dates", "Start", "Inspection start date",
       "Inspection date", required=True,
       help="When it happened or fieldwork began. A month or year is allowed when that is all that "
       "is known."),
    _f("end", "End date", "To", "Until", "Fieldwork end", "End", "Inspection end date"),
    _f("published", "Published", "Publication date", "Report published", "Letter date",
       "Date published", "Letter published", "Report publication date", "Date letter published"),
    _f("kind", "Type", "Event type", "Kind", "Category", "Inspection type",
       help="Focused visit, monitoring visit, standard inspection, statutory direction..."),
    _f("title", "Title", "Event", "Headline", "Summary", "What", "Description", required=True),
    _f("theme", "Focus", "Theme", "Area", "Scope", "Areas covered"),
    _f("lead", "Lead inspector", "HMI", "Inspector", "Lead", "Adviser", "Inspector name"),
    _f("overall", "Overall effectiveness", "Overall", "Judgement", "Rating", "Overall grade",
       "Overall effectiveness grade"),
    _f("leaders", "Impact of leaders", "Leadership", "Leaders", "Impact of leaders grade"),
    _f("help_protection", "Help and protection", "Help & protection", "Help and protection grade",
       "Experiences and progress of children who need help and protection"),
    _f("in_care", "Children in care", "Children looked after", "CLA",
       "Children in care and care leavers", "In care grade", "Children in care grade",
       "Experiences and progress of children in care"),
    _f("care_leavers", "Care leavers", "Care leavers grade"),
    _f("outcome", "Outcome", "Result", "Finding", "Findings",
       help="A grade (the overall judgement when no other column gives it) or words kept as notes."),
    _f("source", "Source", "Link", "URL", "Reference", "Letter", "Inspection link"),
    _f("notes", "Notes", "Comments"),
)

METRIC_FIELDS: tuple[Field, ...] = (
    _f("metric", "Metric", "Indicator", "Measure", "KPI", "PI", "Performance indicator",
       "Indicator name", "Measure name", required=True),
    _f("period", "Period", "Date", "As at", "Year", "Quarter", "Month", "Time period",
       "Reporting period", required=True,
       help="The period the figure covers: 2023, 2021/22, Q3 2023/24, Mar 2024 or a date."),
    _f("value", "Value", "Actual", "Result", "Outturn", "Figure", "Performance", "Council",
       "Local authority", "LA", required=True, help="The council's figure, or a code (c, x, low)."),
    _f("unit", "Unit", "Units"),
    _f("england", "England", "National", "National average", "England average"),
    _f("region", "Region", "Regional", "Regional average",
       "South West", "South East", "London", "North East", "North West", "East Midlands",
       "West Midlands", "East of England", "Yorkshire and the Humber", "Yorkshire and Humber",
       "Inner London", "Outer London"),
    _f("neighbours", "Statistical neighbours", "SN", "SN average", "SN median",
       "Statistical neighbour average", "Statistical neighbour median", "Comparator",
       "Stat neighbours", "Statistical neighbours median", "Statistical neighbours average"),
    _f("target", "Target", "Goal", "Ambition"),
    _f("target_date", "Target date", "Target by"),
    _f("polarity", "Polarity", "Good is", "Better if", "Direction", "Good performance is"),
    _f("theme", "Theme", "Group", "Category", "Domain"),
    _f("source", "Source", "Link", "URL"),
    _f("release", "Release", "Publication", "Data as at", "Vintage"),
    _f("notes", "Notes", "Comments"),
)

SOURCE_FIELDS: tuple[Field, ...] = (
    _f("id", "ID", "Ref", "Reference", "Key", "No."),
    _f("title", "Title", "Source", "Document", "Name", "Description", required=True),
    _f("url", "URL", "Link", "Web address", "Address"),
    _f("publisher", "Publisher", "Author", "Outlet", "By"),
    _f("published", "Published", "Date", "Publication date"),
    _f("notes", "Notes", "Comments"),
)

KINDS = ("actions", "events", "metrics", "sources")

FIELDS: dict[str, tuple[Field, ...]] = {
    "actions": ACTION_FIELDS,
    "events": EVENT_FIELDS,
    "metrics": METRIC_FIELDS,
    "sources": SOURCE_FIELDS,
}

# Sheet names, case-insensitive; the first is what the app writes.
SHEET_NAMES: dict[str, tuple[str, ...]] = {
    "actions": ("Actions", "Improvement plan", "Action plan", "Tracker", "Milestones", "Plan",
                "Action tracker", "Improvement plan tracker"),
    "events": ("Events", "Timeline", "Chronology", "Key dates", "Inspections", "Visits"),
    "metrics": ("Metrics", "Performance", "Scorecard", "KPIs", "Dashboard", "Data", "Indicators",
                "Performance scorecard"),
    "sources": ("Sources", "References", "Evidence"),
}
# Sheets that hold no records by design: skipped without a problem.
IGNORED_SHEETS = frozenset(
    squash(n) for n in ("Instructions", "Notes", "Read me", "Readme", "About", "Lists", "Lookups",
                        "Lookup", "Cover", "Contents", "Guidance", "Key", "Help", "Version history",
                        "Change log", "Changelog", "Validation")
)

SHEET_KIND_BY_NAME: dict[str, str] = {
    squash(n): kind for kind, names in SHEET_NAMES.items() for n in names
}

# squashed header -> field key, per kind
SYNONYMS: dict[str, dict[str, str]] = {
    kind: {squash(s): f.key for f in fields for s in f.synonyms} for kind, fields in FIELDS.items()
}
REQUIRED: dict[str, frozenset[str]] = {
    kind: frozenset(f.key for f in fields if f.required) for kind, fields in FIELDS.items()
}
