"""Template context of pages, registered by each app's ``contexts`` module (#18).

A page model must not import its own app's selectors (they import the models). Instead the
app's ``contexts`` module, imported from its ``AppConfig.ready()``, registers a function
``(page, request) -> dict`` for a page class with ``@page_context(PageClass)``; the page
inherits ``PageContextMixin``, whose ``get_context`` adds what every function registered for
its class and its bases returns (bases first).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

ContextFunction = Callable[[Any, HttpRequest], dict[str, Any]]

_registry: dict[type, list[ContextFunction]] = {}


def page_context(*page_classes: type) -> Callable[[ContextFunction], ContextFunction]:
    """Register the decorated function as adding to the context of ``page_classes``."""

    def register(function: ContextFunction) -> ContextFunction:
        for page_class in page_classes:
            functions = _registry.setdefault(page_class, [])
            if function not in functions:
                functions.append(function)
        return function

    return register


def page_context_functions(page_class: type) -> list[ContextFunction]:
    """The functions that add to ``page_class``'s context, its bases' first."""
    return [
        function for klass in reversed(page_class.__mro__) for function in _registry.get(klass, ())
    ]


class PageContextMixin:
    """Adds the registered context functions' results to a page's ``get_context``."""

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        for function in page_context_functions(type(self)):
            context.update(function(self, request))
        return context
