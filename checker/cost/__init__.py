"""What fine-tuning costs, and whether it pays back.

``inputs`` checks what a request asks, ``model`` computes the two options month by month,
``render`` puts the result into words and a chart, ``site`` gives the cost page its stated prices.
"""

from checker.cost.inputs import DEFAULT_DEPLOYMENT, CostInputs, number, parse_price, request_inputs
from checker.cost.model import (
    DAYS_PER_MONTH,
    DEFAULT_EPOCHS,
    HORIZON_MONTHS,
    HOURS_PER_MONTH,
    PRICE_UNITS,
    CostResult,
    PriceUsed,
    estimate_cost,
    find_model,
)
from checker.cost.render import cost_chart, cost_json, cost_markdown, cost_rows, cost_text, headline
from checker.cost.site import cost_form, price_fields, stated_prices

__all__ = [
    "DAYS_PER_MONTH",
    "DEFAULT_DEPLOYMENT",
    "DEFAULT_EPOCHS",
    "HORIZON_MONTHS",
    "HOURS_PER_MONTH",
    "PRICE_UNITS",
    "CostInputs",
    "CostResult",
    "PriceUsed",
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
    "parse_price",
    "price_fields",
    "request_inputs",
    "stated_prices",
]
