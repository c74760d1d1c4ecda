"""Show an audit event's recorded changes as readable lines."""

from django import template

register = template.Library()


@register.filter
def change_lines(changes) -> list[str]:
    """Render {"field": [old, new]} as "field: old → new" and {"field": value} as "field: value"."""
    lines = []
    for field, value in (changes or {}).items():
        if isinstance(value, list) and len(value) == 2:
            old, new = value
            if old is None:
                lines.append(f"{field}: {new}")
            elif new is None:
                lines.append(f"{field}: {old} (removed)")
            else:
                lines.append(f"{field}: {old} → {new}")
        else:
            lines.append(f"{field}: {value}")
    return lines
