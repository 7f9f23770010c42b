"""{% render_panel panel %}: renders a registered panel (core.registry.ShownPanel) in place, as {% include %} would,
with the page's context plus the panel's own."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from liaison.core.registry import ShownPanel

register = template.Library()


@register.simple_tag(takes_context=True)
def render_panel(context: template.Context, panel: ShownPanel) -> SafeString:
    assert context.template is not None  # a tag renders inside a template
    panel_template = context.template.engine.get_template(panel.template)
    with context.push(panel.context):
        return panel_template.render(context)
