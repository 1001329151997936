"""Regenerates tests/fixtures/litellm-oracle.json: LiteLLM's own cost for usage bundles on every
chat, completion and responses model of its bundled price table, the oracle that
`tests/litellm_oracle.rs` compares Burnrate's importer and cost arithmetic against.

Usage (needs the `litellm` package; the test suite itself does not need Python):
    python3 -m venv /tmp/oracle && /tmp/oracle/bin/pip install litellm==1.106.2
    /tmp/oracle/bin/python scripts/litellm_oracle.py
"""
import json
import os
import re

os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"
import litellm  # noqa: E402
from litellm.litellm_core_utils.llm_cost_calc.utils import generic_cost_per_token  # noqa: E402
from litellm.types.utils import Usage  # noqa: E402

MODEL_INFO = {}

HERE = os.path.dirname(os.path.abspath(__file__))
TABLE = os.path.join(HERE, "..", "tests", "fixtures", "litellm-full-1.106.2.json")
OUT = os.path.join(HERE, "..", "tests", "fixtures", "litellm-oracle.json")
SERVICE = {"flex": "_flex", "priority": "_priority"}


def cost(model, provider, u, r, w5, w1, o, reasoning, tier):
    usage = Usage(
        prompt_tokens=u + r + w5 + w1,
        completion_tokens=o + reasoning,
        prompt_tokens_details={
            "cached_tokens": r,
            "cache_creation_tokens": w5 + w1,
            "cache_creation_token_details": {
                "ephemeral_5m_input_tokens": w5,
                "ephemeral_1h_input_tokens": w1,
            },
        },
        completion_tokens_details={"reasoning_tokens": reasoning},
    )
    p, c = generic_cost_per_token(
        model=model, usage=usage, custom_llm_provider=provider, service_tier=tier,
        model_info=MODEL_INFO[model],
    )
    return p + c


def thresholds(entry):
    found = set()
    for key in entry:
        m = re.search(r"_above_(\d+)(k?)_tokens", key)
        if m:
            found.add(int(m.group(1)) * (1000 if m.group(2) else 1))
    for tier in entry.get("tiered_pricing") or []:
        rng = tier.get("range") or []
        if len(rng) == 2:
            found.add(int(rng[0]))
    return sorted(t for t in found if t > 0)


def main():
    table = json.load(open(TABLE))
    cases = []
    for model, entry in table.items():
        if model == "sample_spec" or not isinstance(entry, dict):
            continue
        if entry.get("mode") not in ("chat", "completion", "responses"):
            continue
        if "off_peak_pricing" in entry:
            continue  # time-of-day discounts are not modelled (the importer warns)
        provider = entry.get("litellm_provider")
        MODEL_INFO[model] = entry
        prompts = [(3000, 40000, 2000, 1000)]
        for t in thresholds(entry):
            prompts.append((t - 46000, 40000, 4000, 2000))  # exactly at the threshold
            prompts.append((t - 45000, 40000, 4000, 2000))  # just above it
        tiers = [None] + [t for t, s in SERVICE.items() if any(k.endswith(s) for k in entry)]
        for tier in tiers:
            for (u, r, w5, w1) in prompts:
                if u <= 0:
                    continue
                for (o, reasoning) in [(1500, 0), (800, 700)]:
                    try:
                        usd = cost(model, provider, u, r, w5, w1, o, reasoning, tier)
                    except Exception:
                        continue
                    cases.append({
                        "model": model, "service_tier": tier or "standard",
                        "input": u, "cache_read": r, "cache_write_5m": w5, "cache_write_1h": w1,
                        "output": o, "reasoning": reasoning, "usd": usd,
                    })
    json.dump({"litellm": litellm.__version__ if hasattr(litellm, "__version__") else "1.106.2",
               "cases": cases}, open(OUT, "w"), indent=0)
    print(f"{len(cases)} cases")


if __name__ == "__main__":
    main()
