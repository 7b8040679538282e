"""What fine-tuning costs, and whether it pays back.

``inputs`` checks what a request asks (every number within a stated range), ``prices`` finds the
prices it uses (typed, or stated with their dates), ``model`` computes the two options month by
month within the horizon the facts allow, ``render`` puts the result into words, a price table and
a chart (and says, for the command line or the page, how to give a missing input), ``site`` gives
the cost page its form and stated prices.
"""

from checker.cost.inputs import (
    DEFAULT_DEPLOYMENT,
    DEFAULT_EPOCHS,
    FIELDS,
    CostInputs,
    FieldError,
    MissingInput,
    number,
    parse_price,
    request_inputs,
)
from checker.cost.model import (
    DAYS_PER_MONTH,
    HORIZON_MONTHS,
    HOURS_PER_MONTH,
    CostResult,
    OneOff,
    estimate_cost,
)
from checker.cost.prices import PRICE_UNITS, PriceUsed, find_model
from checker.cost.render import (
    cli_message,
    cost_chart,
    cost_json,
    cost_markdown,
    cost_rows,
    cost_text,
    headline,
    page_message,
    price_rows,
    price_table,
)
from checker.cost.site import cost_form, price_fields, stated_prices

__all__ = [
    "DAYS_PER_MONTH",
    "DEFAULT_DEPLOYMENT",
    "DEFAULT_EPOCHS",
    "FIELDS",
    "HORIZON_MONTHS",
    "HOURS_PER_MONTH",
    "PRICE_UNITS",
    "CostInputs",
    "CostResult",
    "FieldError",
    "MissingInput",
    "OneOff",
    "PriceUsed",
    "cli_message",
    "cost_chart",
    "cost_form",
    "cost_json",
    "cost_markdown",
    "cost_rows",
    "cost_text",
    "estimate_cost",
    "find_model",
    "headline",
    "number",
    "page_message",
    "parse_price",
    "price_fields",
    "price_rows",
    "price_table",
    "request_inputs",
    "stated_prices",
]
