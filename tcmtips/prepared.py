"""Queries compiled once: the few fixed-shape queries every page-cache miss makes (routing, the
stamps of what a page shows) cost ten times more to build and compile with the ORM than to run. Here each
is built and compiled by the ORM once per database and per number of values in its list, then run again
with new values: the same SQL and the same conversion of the rows (Django's converters: dates, booleans
on SQLite), without the work in between.

Only for queries whose one variable part is a list of values for a single filter (``build(values)``
returns the queryset). ``Prepared`` runs a ``values_list`` query and returns its rows; ``PreparedObjects``
runs a query of model instances and returns them, built by Django's own iterable (``from_db``, the
objects joined by ``select_related``, annotations, then any ``prefetch_related``, which the ORM runs as
usual). The values are found in the compiled parameters by stand-ins that no real query would hold; a
query whose stand-ins can't all be found there is run through the ORM every time instead."""

import copy

from django.db import connections

# Stand-ins for the values while the query is compiled: unlike any real parameter (text for text, numbers
# out of any id's range), so each is found exactly where its value goes.
_STAND_IN_TEXT = "\x00stand-in-{}\x00"
_STAND_IN_NUMBER = -(2**62)


def _stand_ins(count, kind):
    if kind is None:
        return []
    if kind is str:
        return [_STAND_IN_TEXT.format(index) for index in range(count)]
    return [_STAND_IN_NUMBER - index for index in range(count)]


class Compiled:
    def __init__(self, sql, positions, fixed, compiler, converters, queryset):
        self.sql, self.positions, self.fixed = sql, positions, fixed
        self.compiler, self.converters, self.queryset = compiler, converters, queryset

    def params(self, values):
        params = list(self.fixed)
        for position, value in zip(self.positions, values, strict=True):
            params[position] = value
        return params

    def run(self, using, values):
        with connections[using].cursor() as cursor:
            cursor.execute(self.sql, self.params(values))
            rows = cursor.fetchall()
        if self.converters:
            rows = [tuple(row) for row in self.compiler.apply_converters(rows, self.converters)]
        return rows

    def objects(self, using, values):
        """The model instances, through the queryset's own iterable, handed a copy of the compiler that
        already holds its SQL (for these values) and what the rows are made into (``select``,
        ``klass_info``), on this thread's connection."""
        sql, params = self.sql, self.params(values)
        compiler = copy.copy(self.compiler)
        compiler.connection = connections[using]
        compiler.as_sql = lambda *args, **kwargs: (sql, params)
        compiler.get_converters = lambda expressions: self.converters  # for the same columns, worked out once
        query = copy.copy(self.compiler.query)
        query.get_compiler = lambda *args, **kwargs: compiler
        built = self.queryset
        queryset = built.__class__(model=built.model, query=query, using=using, hints=built._hints)
        queryset._iterable_class, queryset._fields = built._iterable_class, built._fields
        queryset._prefetch_related_lookups = built._prefetch_related_lookups
        return list(queryset)


# Compiled queries are kept per number of values: a longer list goes through the ORM, so a process keeps
# a bounded number of them however long the lists it is asked for.
MOST_VALUES = 64


class Prepared:
    """``Prepared(build, kind)(values)``: the rows of ``build(values)`` (a values_list queryset filtering
    on the list ``values`` of ``kind``, str or int), compiled once per database and list length (up to
    ``MOST_VALUES`` values; more, and the ORM builds it each time).

    ``kind=None``: a query that takes no values (``build`` ignores its argument), called with none. Nothing
    in it may be worked out when it is built (a “now”, a setting): it is built once."""

    def __init__(self, build, kind=int):
        self.build, self.kind = build, kind
        self._compiled = {}

    def __call__(self, values=(), using="default"):
        values = list(values)
        # An empty list matches nothing (the ORM knows, with no query); a long one isn't worth keeping.
        if (not values and self.kind is not None) or len(values) > MOST_VALUES:
            return list(self.build(values).using(using))
        key = (using, connections[using].vendor, len(values))
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compiled[key] = self._compile(using, len(values))
        if compiled is False:  # could not be prepared: the ORM each time
            return list(self.build(values).using(using))
        return self._run(compiled, using, values)

    def _run(self, compiled, using, values):
        return compiled.run(using, values)

    def _compile(self, using, count):
        stand_ins = _stand_ins(count, self.kind)
        queryset = self.build(stand_ins).using(using)
        compiler = queryset.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        places = {value: index for index, value in enumerate(params) if value in stand_ins}
        if len(places) != count or sum(value in stand_ins for value in params) != count:
            return False
        converters = compiler.get_converters([select[0] for select in compiler.select[: compiler.col_count]])
        return Compiled(sql, [places[value] for value in stand_ins], params, compiler, converters, queryset)


class PreparedObjects(Prepared):
    """``PreparedObjects(build, kind)(values)``: the model instances of ``build(values)`` (a queryset of a
    model, filtering on the list ``values``), compiled once per database and list length. Its iterable
    must be Django's ``ModelIterable`` (no ``values``, no ``specific()``); what it prefetches, the ORM
    reads as usual."""

    def _run(self, compiled, using, values):
        return compiled.objects(using, values)

    def grouped(self, values, by, using="default"):
        """The instances for ``values`` listed under their field ``by`` (the owner's id), in the query's
        order: {value: [...]}, every value with its list, empty when none."""
        groups = {value: [] for value in values}
        for obj in self(values, using):
            groups[getattr(obj, by)].append(obj)
        return groups

    def _compile(self, using, count):
        from django.db.models.query import ModelIterable

        compiled = super()._compile(using, count)
        if compiled and compiled.queryset._iterable_class is not ModelIterable:
            return False
        return compiled


_chosen = {}


def chosen_in_bulk(manager, id_list, field_name="pk"):
    """``manager.in_bulk(id_list)`` for a list of ids, which is how Wagtail's chooser blocks read the
    pages and snippets a StreamField names: the queryset's ``chosen()`` (what the blocks show joined in,
    no ORDER BY, which a dict does not keep) filtered by id, compiled once per model and number of ids.
    Anything else (other fields, values that are not ids) through the ORM's ``in_bulk``."""
    queryset = manager.get_queryset()
    if field_name != "pk" or id_list is None or not all(type(value) is int for value in id_list):
        return queryset.in_bulk(id_list, field_name=field_name)
    ids = sorted(set(id_list))
    if not ids:
        return {}
    key = (type(manager), manager.model)
    prepared = _chosen.get(key)
    if prepared is None:
        prepared = _chosen[key] = PreparedObjects(lambda pks: manager.get_queryset().chosen().filter(pk__in=pks))
    return {obj.pk: obj for obj in prepared(ids, using=queryset.db)}


class ChosenQuerySet:
    """For a QuerySet whose ``chosen()`` says how Wagtail's chooser blocks show its objects: ``in_bulk``
    reads them that way."""

    def in_bulk(self, id_list=None, *, field_name="pk"):
        return super(ChosenQuerySet, self.chosen()).in_bulk(id_list, field_name=field_name)


class ChosenManager:
    """For the manager of such a QuerySet: ``in_bulk``, which is how the chooser blocks read what a
    StreamField names, compiled once (``chosen_in_bulk``)."""

    def in_bulk(self, id_list=None, *, field_name="pk"):
        return chosen_in_bulk(self, id_list, field_name)
