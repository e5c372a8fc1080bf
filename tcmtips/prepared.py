"""Queries compiled once (issue 12): the few fixed-shape queries every page-cache miss makes (routing, the
stamps of what a page shows) cost ten times more to build and compile with the ORM than to run. Here each
is built and compiled by the ORM once per database and per number of values in its list, then run again
with new values: the same SQL and the same conversion of the rows (Django's converters: dates, booleans
on SQLite), without the work in between.

Only for ``values_list`` queries whose one variable part is a list of values for a single filter
(``build(values)`` returns the queryset). The values are found in the compiled parameters by stand-ins
that no real query would hold; a query whose stand-ins can't all be found there is run through the ORM
every time instead."""

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
    def __init__(self, sql, positions, fixed, compiler, converters):
        self.sql, self.positions, self.fixed = sql, positions, fixed
        self.compiler, self.converters = compiler, converters

    def run(self, using, values):
        params = list(self.fixed)
        for position, value in zip(self.positions, values, strict=True):
            params[position] = value
        with connections[using].cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.converters:
            rows = [tuple(row) for row in self.compiler.apply_converters(rows, self.converters)]
        return rows


class Prepared:
    """``Prepared(build, kind)(values)``: the rows of ``build(values)`` (a values_list queryset filtering
    on the list ``values`` of ``kind``, str or int), compiled once per database and list length.

    ``kind=None``: a query that takes no values (``build`` ignores its argument), called with none. Nothing
    in it may be worked out when it is built (a “now”, a setting): it is built once."""

    def __init__(self, build, kind=int):
        self.build, self.kind = build, kind
        self._compiled = {}

    def __call__(self, values=(), using="default"):
        values = list(values)
        if not values and self.kind is not None:  # an empty list matches nothing: the ORM knows, with no query
            return list(self.build(values).using(using))
        key = (using, connections[using].vendor, len(values))
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compiled[key] = self._compile(using, len(values))
        if compiled is False:  # could not be prepared: the ORM each time
            return list(self.build(values).using(using))
        return compiled.run(using, values)

    def _compile(self, using, count):
        stand_ins = _stand_ins(count, self.kind)
        query = self.build(stand_ins).using(using).query
        compiler = query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        places = {value: index for index, value in enumerate(params) if value in stand_ins}
        if len(places) != count or sum(value in stand_ins for value in params) != count:
            return False
        converters = compiler.get_converters([select[0] for select in compiler.select[: compiler.col_count]])
        return Compiled(sql, [places[value] for value in stand_ins], params, compiler, converters)
