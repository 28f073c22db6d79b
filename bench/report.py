"""The benchmark's table and targets, as plain text for the terminal and as Markdown."""

COLUMNS = [
    ("page", "page", "<"),
    ("archive", "archive", "<"),
    ("app cache", "cache", "<"),
    ("req/s", "rps", ">"),
    ("p50 ms", "p50", ">"),
    ("p99 ms", "p99", ">"),
    ("CPU ms/req", "cpu", ">"),
    ("DB CPU ms/req", "db", ">"),
    ("SQL queries", "queries", ">"),
    ("KB", "kb", ">"),
]


def _cell(row, key):
    value = row.get(key)
    if value is None:
        return "—"
    if isinstance(value, float):
        if key == "rps":
            return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"
        return f"{value:.2f}" if value < 10 else f"{value:.1f}" if value < 100 else f"{value:,.0f}"
    return str(value)


def cells(rows):
    return [
        [_cell(row, key) + (" !" if key == "page" and row.get("errors") else "") for _, key, _ in COLUMNS]
        for row in rows
    ]


def text_table(rows):
    body = cells(rows)
    widths = [max(len(title), *(len(line[i]) for line in body)) for i, (title, _, _) in enumerate(COLUMNS)]

    def line(values):
        return "  ".join(
            value.ljust(width) if align == "<" else value.rjust(width)
            for value, width, (_, _, align) in zip(values, widths, COLUMNS, strict=True)
        )

    header = line([title for title, _, _ in COLUMNS])
    return "\n".join([header, "-" * len(header), *(line(values) for values in body)])


def markdown_table(rows):
    head = "| " + " | ".join(title for title, _, _ in COLUMNS) + " |"
    rule = "| " + " | ".join("---" if align == "<" else "---:" for _, _, align in COLUMNS) + " |"
    return "\n".join([head, rule, *("| " + " | ".join(values) + " |" for values in cells(rows))])


def verdict(target):
    return {True: "PASS", False: "FAIL", None: "INFO"}[target["ok"]]


def target_lines(targets):
    return [f"{verdict(t)}  {t['name']}: {t['detail']}" for t in targets]


def markdown(rows, targets, notes, heading):
    parts = [heading, "", markdown_table(rows), "", "Targets:", ""]
    parts += [f"- **{verdict(t)}** {t['name']}: {t['detail']}" for t in targets]
    if notes:
        parts += ["", *[f"{note}" for note in notes]]
    return "\n".join(parts) + "\n"
