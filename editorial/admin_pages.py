"""The editors' own admin pages about one record: history, workflow, preview links."""


def record_page_context(model_admin, request, obj, title: str, **extra) -> dict:
    """The context of templates/admin/editorial/page.html and the pages extending it.

    ``crumb_url`` and ``crumb_label`` in ``extra`` add a step to the breadcrumbs between
    the record and this page (the history, for a version).
    """
    request.current_app = model_admin.admin_site.name
    return {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "subtitle": None,
        "opts": model_admin.opts,
        "app_label": model_admin.opts.app_label,
        "object": obj,
        **extra,
    }
