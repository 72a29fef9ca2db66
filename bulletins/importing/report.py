"""An import plan in words, for the command's output (the admin shows it as a page)."""

from django.utils.translation import gettext as _

from bulletins.importing.matching import ImportPlan, PlannedEvent, ProposedPerson


def _event_line(event: PlannedEvent) -> str:
    dates = str(event.start_date)
    if event.end_date != event.start_date:
        dates += f" – {event.end_date}"
    state = _("new") if event.is_new else _("matched")
    line = f"{event.title} ({dates}) [{state}]"
    if event.parent:
        line += " ⊂ " + event.parent.title
    return line


def describe_plan(plan: ImportPlan, *, replace: bool = False) -> list[str]:
    issue = plan.issue
    lines = [
        _("%(issue)s, dated %(date)s, from “%(file)s”")
        % {"issue": plan.label, "date": issue.publication_date, "file": issue.source.name}
    ]
    if plan.existing:
        if replace:
            lines.append(_("  replaces the content of the existing issue (same record)"))
        else:
            lines.append(
                _("  ! this issue exists already: importing it is refused without --replace")
            )
    for position, article in enumerate(plan.articles, start=1):
        parsed = article.parsed
        lines.append(
            _("Article %(position)s: %(headline)s")
            % {"position": position, "headline": parsed.headline}
        )
        if parsed.kicker:
            lines.append(_("  kicker: %(kicker)s") % {"kicker": parsed.kicker})
        lines.append(_("  %(count)s body paragraphs") % {"count": len(parsed.paragraphs)})
        if article.event:
            prefix = (
                _("  event (same as the article before): ")
                if article.event_inherited
                else _("  event: ")
            )
            lines.append(prefix + _event_line(article.event))
        if parsed.viewpoints_heading:
            lines.append(
                _("  viewpoints under “%(heading)s”:") % {"heading": parsed.viewpoints_heading}
            )
        for viewpoint in article.viewpoints:
            if viewpoint.person:
                speaker = (
                    f"{viewpoint.person} ({viewpoint.speaker_title})"
                    if viewpoint.speaker_title
                    else str(viewpoint.person)
                )
                if isinstance(viewpoint.person, ProposedPerson):
                    speaker += " " + _("[new person]")
            else:
                speaker = viewpoint.speaker_label
            lines.append(f"    - {speaker} — {viewpoint.organization}")
    if plan.organizations_matched:
        lines.append(_("Organizations matched in the registry:"))
        lines += [f"  = {organization}" for organization in plan.organizations_matched]
    if plan.organizations_new:
        lines.append(_("New organizations (created when saved):"))
        lines += [
            f"  + {organization.name}"
            + (f" ({organization.short_name})" if organization.short_name else "")
            + " — "
            + _("lines %(lines)s") % {"lines": ", ".join(str(line) for line in organization.lines)}
            for organization in plan.organizations_new
        ]
    if plan.people_new:
        lines.append(_("New people:"))
        lines += [f"  + {person.name} — {person.organization}" for person in plan.people_new]
    if plan.events_new:
        lines.append(_("New events:"))
        for event in plan.events_new:
            lines.append("  + " + _event_line(event))
            lines += [f"      {organization}: {role}" for organization, role in event.role_labels()]
    if plan.contact_block:
        lines.append(
            _("Contact block: the existing version “%(label)s”") % {"label": plan.contact_block}
        )
    else:
        lines.append(_("Contact block: a new version"))
    if plan.about_block:
        lines.append(
            _("About block: the existing version “%(label)s”") % {"label": plan.about_block}
        )
    else:
        lines.append(_("About block: a new version"))
    lines += [_("Note: %(note)s") % {"note": note} for note in plan.notes]
    return lines
