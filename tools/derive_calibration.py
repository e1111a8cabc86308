"""Derive the five dyad calibrations from the evidence inputs below.

Run:  python tools/derive_calibration.py   (writes the five coalition_games/cases/*.toml files and
prints the value table; tests/test_cases.py checks that the shipped files are exactly its output)

Every number in the TOML files is computed here from the evidence inputs by ONE rule per
parameter, identical for all five cases (see CALIBRATION.md). Nothing here solves the game:
no value was chosen by looking at the outcome it produces.
"""

from __future__ import annotations

import math
import tomllib
from pathlib import Path

from coalition_games.parameters import PARAMETER_NAMES

HERE = Path(__file__).resolve().parents[1] / "coalition_games" / "cases"

# ---------------------------------------------------------------------------------------
# Common constants (one value for every case)
# ---------------------------------------------------------------------------------------
# Treaty-commitment score (rubric in CALIBRATION.md).
TREATY_BILATERAL = 1.0  # bilateral defence treaty, US sole guarantor incl. nuclear umbrella
TREATY_NATO = 0.75  # multilateral collective-defence treaty shared with other nuclear allies
TREATY_TRA = 0.5  # no treaty: statutory commitment short of a guarantee (Taiwan Relations Act)

# US control of the critical inputs of each segment of an ally's industry (stranglehold).
U = {  # value, low, high
    "fab": (0.50, 0.40, 0.96),  # fab-based device makers (incl. IDMs, foundries, memory, design)
    "osat": (0.08, 0.05, 0.41),  # assembly, test and packaging
    "equipment": (0.30, 0.10, 1.00),  # equipment makers (US-sourced components)
    "materials": (0.10, 0.00, 0.40),  # wafers, resists, gases, chemicals
}

LAMBDA = (1.0, 0.5, 2.0)  # US valuation of one unit of China's denied access (value, lo, hi)
HORIZON_YEARS = 5  # CHIPS Act appropriations FY2022-26; one-off transfers spread over it
ITSI_FUND_BN = 0.5  # CHIPS Act international fund (Article, section Chip 4)

DEFAULTS = {  # parameters without direct evidence: one cross-case default (value, lo, hi)
    "tech_gain": (0.05, 0.0, 0.20),
    "autonomy_cost": (0.05, 0.0, 0.15),
    "simple_cost": (0.01, 0.0, 0.05),
    "security_stake": (0.5, 0.1, 1.0),
    "leader_value_simple": (0.05, 0.0, 0.10),
    "coercion_cost_base": (0.05, 0.0, 0.15),
    "coercion_cost_slope": (0.5, 0.1, 1.0),
    "target_offer": (0.0, 0.0, 0.0),
    "ally_power": (0.5, 0.0, 1.0),
    "linkage_cap": (math.inf, math.inf, math.inf),
}

# ---------------------------------------------------------------------------------------
# Case evidence
# ---------------------------------------------------------------------------------------
CASES = {
    "us_japan": dict(
        ally="Japan",
        coalition="Chip 4",
        description=(
            "US-Japan dyad of the Chip 4 semiconductor coalition. Japan is a treaty ally (1960) "
            "under exclusive US extended deterrence and buys almost all its imported arms from "
            "the US. Its semiconductor industry is unusually balanced between device makers "
            "(memory, image sensors, microcontrollers), equipment makers (Tokyo Electron and "
            "others) and materials (wafers, photoresists), so US control of fab inputs reaches "
            "only part of it. Japan was the first to accept the coalition and imposed export "
            "controls on 23 types of chip-making equipment from July 2023 (Article, section "
            "Chip 4). Reference year 2022 (ranges cover 2020-2024)."
        ),
        arms_evidence="direct",
        arms=0.97,
        arms_src="SIPRI Arms Transfers Database / Fact Sheet 'Trends in international arms transfers, 2023' (March 2024): USA 97% of Japan's arms imports 2019-23",
        treaty=TREATY_BILATERAL,
        treaty_src="US-Japan Treaty of Mutual Cooperation and Security (1960)",
        w={"fab": 0.46, "osat": 0.0, "equipment": 0.32, "materials": 0.22},
        w_src="Approximate 2022-23 revenue of Japanese-headquartered firms: devices ~$43bn (Kioxia, Sony semiconductors, Renesas, Rohm, Toshiba devices and others), equipment ~$30bn (Tokyo Electron FY2023 net sales JPY 1,830.5bn per its results of 10 May 2024; Screen, Advantest, Kokusai, Disco, Lasertec and others), materials ~$20bn (Shin-Etsu, SUMCO, JSR, TOK, Resonac and others); company totals other than Tokyo Electron are recalled approximations, unverified",
        x={"fab": 0.194, "osat": 0.194, "equipment": 0.30, "materials": 0.194},
        x_lo={"fab": 0.167, "osat": 0.167, "equipment": 0.22, "materials": 0.167},
        x_hi={"fab": 0.194, "osat": 0.194, "equipment": 0.50, "materials": 0.194},
        x_src=[
            "Japan trade statistics as reported by CGTN (14 Jun 2023): China 19.4% of Japan's total exports 2022, 16.7% in Q1 2023 (proxy for devices and materials; Hong Kong excluded)",
            "China Academy of International Trade and Economic Cooperation as reported by China Daily/ECNS (20 Jun 2023): Japanese chip-equipment exports to China JPY 820bn in 2022, over 30% of the total",
            "Digitimes (7 Apr 2023): Tokyo Electron China revenue share 22% in Q4 2022",
            "Japan Ministry of Finance trade statistics as reported by Nikkei (Jun 2024): over 50% of Japan's chip-equipment exports went to China in Q3 2023-Q1 2024",
            "Tokyo Electron China share ~44% in FY2023 (as reported in REFERENCES.md, unverified; not used)",
        ],
        stake_bn=(95.0, 85.0, 105.0),
        stake_src="Sum of the segment revenues above (~$95bn, approximate)",
        b_evidence="direct",
        awards_bn=0.0,
        awards_hi_bn=0.0,
        awards_src="No CHIPS Act incentive award to a Japanese-headquartered firm identified in this calibration; US concession: IBM 2 nm GAA technology and training for Rapidus (Article, section Chip 4; not monetised)",
    ),
    "us_south_korea": dict(
        ally="South Korea",
        coalition="Chip 4",
        description=(
            "US-South Korea dyad of the Chip 4 semiconductor coalition. South Korea is a treaty "
            "ally (1953); its semiconductor industry is dominated "
            "by two fab-based device makers (Samsung, SK hynix) whose processes depend on US EDA, "
            "IP and process tools (Article fn. 76: half of the ten critical stages are "
            "US-controlled), while more than 60% of its chip exports went to China and Hong Kong "
            "(Article, before fn. 66). It was the most reluctant member, joining last (first "
            "Chip 4 meeting September 2023). Compensation: CHIPS Act awards to Samsung and SK "
            "hynix, and the October 2023 validated-end-user waiver for their China fabs "
            "(revoked by BIS with effect from 31 Dec 2025). Reference year 2022."
        ),
        arms_evidence="direct",
        arms=0.72,
        arms_src="SIPRI Fact Sheet 'Trends in international arms transfers, 2023' (March 2024): USA 72% of South Korea's arms imports 2019-23",
        treaty=TREATY_BILATERAL,
        treaty_src="US-ROK Mutual Defense Treaty (1953); extended-deterrence pledge tied to Chip 4 accession (Article fn. 75)",
        w={"fab": 0.90, "osat": 0.0, "equipment": 0.05, "materials": 0.05},
        w_src="Approximate: the industry is overwhelmingly memory/foundry device production (Samsung, SK hynix); Korean equipment and materials makers (SEMES, Wonik IPS, SK Siltron, Soulbrain and others) taken as ~10% of sales; unverified split",
        x={"fab": 0.60, "osat": 0.60, "equipment": 0.60, "materials": 0.60},
        x_lo={"fab": 0.517, "osat": 0.517, "equipment": 0.517, "materials": 0.517},
        x_hi={"fab": 0.611, "osat": 0.611, "equipment": 0.611, "materials": 0.611},
        x_src=[
            "Article, section Chip 4 (sentence preceding fn. 66): more than 60% of South Korea's chips exported to China",
            "Korea MOTIE/KITA as reported by Chosun Biz (5 Jan 2025): China + Hong Kong share of Korean semiconductor exports 61.1% (2020), 51.7% (2024, Jan-Nov)",
            "KITA as reported by Korea Herald (29 Nov 2022): China alone 40.6% of Korean chip exports Jan-Sep 2022 (Hong Kong, mostly re-exported to China, excluded)",
        ],
        stake_bn=(130.0, 86.1, 141.9),
        stake_src="Korean semiconductor exports ~$130bn in 2022 (approximate, unverified); $141.9bn in 2024 (MOTIE/KITA as reported by Chosun Biz, 5 Jan 2025); $86.1bn in 2023 (UN Comtrade as reported by RIA/Socialbites, narrower product coverage)",
        b_evidence="direct",
        awards_bn=4.745 + 0.458,
        awards_hi_bn=6.4 + 0.458,
        awards_src="US Commerce Department CHIPS awards: Samsung up to $4.745bn final (20 Dec 2024; preliminary $6.4bn, Apr 2024), SK hynix up to $458m (Dec 2024), as reported by Reuters/CNA (21 Dec 2024)",
    ),
    "us_taiwan": dict(
        ally="Taiwan",
        coalition="Chip 4",
        description=(
            "US-Taiwan dyad of the Chip 4 semiconductor coalition. Taiwan has no defence treaty "
            "with the US (Taiwan Relations Act, 1979) but buys nearly all its imported arms from "
            "it. Its industry is foundry-led (TSMC, 80-90% of high-end production, Article "
            "fn. 57) plus packaging and test, with most chip exports going to China and Hong "
            "Kong. Compensation: a $6.6bn CHIPS Act award to TSMC Arizona. Reference year 2022."
        ),
        arms_evidence="indirect",
        arms=0.96,
        arms_src="SIPRI Arms Transfers Database as summarised by Fisco (25 Nov 2020): 96% of Taiwan's major-arms imports 2000-2019 from the USA (2019-23 figure not verified)",
        treaty=TREATY_TRA,
        treaty_src="Taiwan Relations Act (1979); no mutual defence treaty since 1980",
        w={"fab": 0.81, "osat": 0.19, "equipment": 0.0, "materials": 0.0},
        w_src="Taiwan MOEA as reported by Taiwan News (5 Oct 2022): Jan-Jul 2022 semiconductor production NT$2.04tn ($64.74bn): foundry 68.2%, testing and packaging 19.1%, DRAM 5.5% (remainder other device production); IC design and materials not in this production total",
        x={"fab": 0.584, "osat": 0.584, "equipment": 0.584, "materials": 0.584},
        x_lo={"fab": 0.584, "osat": 0.584, "equipment": 0.584, "materials": 0.584},
        x_hi={"fab": 0.584, "osat": 0.584, "equipment": 0.584, "materials": 0.584},
        x_src=[
            "Taiwan MOEA as reported by Taiwan News (5 Oct 2022): 58.4% of Taiwan's chip exports Jan-Aug 2022 went to China and Hong Kong",
            "Taiwan Ministry of Finance as reported by Bloomberg/Business Standard (20 Mar 2023): China's share of Taiwanese IC exports fell to its lowest since Feb 2019 in Feb 2023 (no figure)",
        ],
        stake_bn=(111.0, 111.0, 166.6),
        stake_src="Taiwan MOEA Jan-Jul 2022 production $64.74bn annualised (x12/7 = $111bn); UN Comtrade as reported by RIA/Socialbites: Taiwan chip exports $166.6bn in 2023",
        b_evidence="direct",
        awards_bn=6.6,
        awards_hi_bn=6.6,
        awards_src="US Commerce Department finalised CHIPS award of $6.6bn to TSMC Arizona (15 Nov 2024), as reported by CNBC",
    ),
    "us_eu": dict(
        ally="European Union",
        coalition="TTC",
        description=(
            "US-EU dyad of the Trade and Technology Council (2021). Most EU states are NATO "
            "allies and Europe imports more than half its arms from the US, but European states "
            "keep more autonomy on defence than Japan or South Korea (Article, section TTC). "
            "The EU industry mixes mature-node device makers (Infineon, STMicroelectronics, NXP, "
            "Bosch) with equipment (ASML, ASM International, Zeiss) and materials; China is a "
            "large market for both. The US made regulatory concessions (DSA-like proposals, "
            "fn. 42) and avoided a subsidy race (fn. 110) rather than paying subsidies. "
            "Reference year 2022."
        ),
        arms_evidence="indirect",
        arms=0.55,
        arms_src="SIPRI Fact Sheet March 2024 (as reported by Deccan Herald/PTI, 11 Mar 2024): about 55% of arms imports by European states 2019-23 supplied by the USA (all European states, not EU-only; European NATO 64% in 2020-24 per SIPRI March 2025 as reported by Politico)",
        treaty=TREATY_NATO * 0.929,
        treaty_src="North Atlantic Treaty (1949); 2022 NATO coverage of EU population ~92.9% (non-NATO in 2022: Austria, Ireland, Malta, Cyprus, Sweden, Finland ~32m of 447m; Eurostat populations, approximate)",
        w={"fab": 0.53, "osat": 0.0, "equipment": 0.39, "materials": 0.08},
        w_src="Approximate 2022-23 revenue of EU-headquartered firms: devices ~$50bn (Infineon, STMicroelectronics, NXP $13.21bn in 2022 per its Q4 2022 call, Bosch), equipment ~$37bn (ASML EUR 27.56bn in 2023 per its 20-F, ASM International, Zeiss SMT, Aixtron, Besi), materials ~$7bn (Siltronic, Soitec, Merck electronics); figures other than ASML and NXP are recalled approximations, unverified",
        x={"fab": 0.32, "osat": 0.32, "equipment": 0.138, "materials": 0.32},
        x_lo={"fab": 0.32, "osat": 0.32, "equipment": 0.138, "materials": 0.32},
        x_hi={"fab": 0.32, "osat": 0.32, "equipment": 0.263, "materials": 0.32},
        x_src=[
            "Infineon Q1 FY2022 as reported by Xinhua/ANSA (4 Feb 2022): China EUR 1.0bn of EUR 3.16bn revenue (32%), its largest market (proxy for all EU device and materials makers)",
            "ASML 2023 Form 20-F, segment note: China EUR 2,916.0m of EUR 21,173.4m total net sales in 2022 (13.8%), EUR 7,251.8m of EUR 27,558.5m in 2023 (26.3%)",
        ],
        stake_bn=(94.0, 85.0, 105.0),
        stake_src="Sum of the segment revenues above (~$94bn, approximate)",
        b_evidence="indirect",
        awards_bn=0.225,
        awards_hi_bn=0.225,
        awards_src="CHIPS award of up to $225m to Bosch (Roseville, CA; Dec 2024), as reported, unverified; US concessions to the EU are regulatory (Article fn. 42, fn. 110) and not monetised here",
    ),
    "us_netherlands": dict(
        ally="Netherlands",
        coalition="bilateral (ASML export controls)",
        description=(
            "US-Netherlands bilateral dyad over lithography export controls. The Netherlands is "
            "a NATO ally that spends up to 95% of its equipment imports on US weapons (Article "
            "fn. 82). Its semiconductor industry is dominated by ASML (60% of DUV and 100% of "
            "EUV lithography; nearly 30% of its components from US companies, Article, section "
            "TTC) plus NXP and ASM International. It agreed bilaterally (January 2023) to restrict "
            "EUV and advanced DUV sales to China rather than through the TTC. Reference year 2022."
        ),
        arms_evidence="indirect",
        arms=0.95,
        arms_src="Article fn. 82 (Politico, 14 Jun 2023): up to 95% of Dutch equipment expenditure on imports spent on US weaponry (as reported; SIPRI country figure not verified)",
        treaty=TREATY_NATO,
        treaty_src="North Atlantic Treaty (1949); the Netherlands hosts US nuclear weapons under NATO nuclear sharing (not scored)",
        w={"fab": 0.28, "osat": 0.0, "equipment": 0.72, "materials": 0.0},
        w_src="2022-23 revenue of Dutch-headquartered firms: NXP $13.21bn (2022, Q4 2022 call), ASML EUR 27.56bn (2023, 20-F), ASM International ~EUR 2.6bn and Besi ~EUR 0.6bn (approximate, unverified): devices 0.28, equipment 0.72",
        x={"fab": 0.32, "osat": 0.32, "equipment": 0.138, "materials": 0.32},
        x_lo={"fab": 0.32, "osat": 0.32, "equipment": 0.138, "materials": 0.32},
        x_hi={"fab": 0.32, "osat": 0.32, "equipment": 0.263, "materials": 0.32},
        x_src=[
            "ASML 2023 Form 20-F, segment note: China 13.8% of total net sales 2022, 26.3% 2023",
            "Infineon Q1 FY2022 China share 32% (Xinhua/ANSA, 4 Feb 2022) as proxy for NXP (NXP's own China share not verified)",
        ],
        stake_bn=(46.4, 42.0, 50.0),
        stake_src="Sum of the firm revenues above (~$46bn)",
        b_evidence="direct",
        awards_bn=0.0,
        awards_hi_bn=0.0,
        awards_src="No CHIPS Act award to a Dutch-headquartered firm identified; US concession: bilateral negotiation to limit the impact on ASML (Article, section TTC, after fn. 96), not monetised",
    ),
}

SEGMENTS = ("fab", "osat", "equipment", "materials")


def r(x: float, n: int = 3) -> float:
    return float(round(x + 0.0, n))


def derive(case: dict) -> dict:
    """Apply the common rules. Returns {param: (value, lo, hi, rule, sources)}; the evidence
    status of each is in :func:`evidence`."""
    out: dict = {}
    w = case["w"]
    assert abs(sum(w.values()) - 1.0) < 1e-9, w

    # --- security dependency s ---------------------------------------------------------
    a, tr = case["arms"], case["treaty"]
    s = 0.5 * a + 0.5 * tr
    out["security_dependency"] = (
        s,
        min(a, tr),
        max(a, tr),
        f"s = 0.5 * (US share of the ally's arms imports, SIPRI TIV 5-year window) + 0.5 * (treaty score: "
        f"1.0 bilateral defence treaty with exclusive US extended deterrence, 0.75 NATO collective "
        f"defence, 0.5 statutory commitment without treaty, 0 none; population-weighted for the EU). "
        f"Range = [min, max] of the two indicators. Here: 0.5*{a:.3f} + 0.5*{tr:.3f}.",
        [case["arms_src"], case["treaty_src"]],
    )

    # --- stranglehold t ----------------------------------------------------------------
    t = sum(w[k] * U[k][0] for k in SEGMENTS)
    t_lo = sum(w[k] * U[k][1] for k in SEGMENTS)
    t_hi = sum(w[k] * U[k][2] for k in SEGMENTS)
    wtxt = ", ".join(f"{k} {w[k]:.2f}" for k in SEGMENTS if w[k] > 0)
    out["stranglehold"] = (
        t,
        t_lo,
        t_hi,
        "t = sum over the ally's industry segments of (segment share of the ally's semiconductor "
        "revenue) * (US control of that segment's critical inputs). US control, identical for all "
        "cases: fab-based device makers 0.50 [0.40, 0.96] (half of the critical stages US-controlled, "
        "Article fn. 76; cross-check: about half of the front-end tool and design-input categories in "
        "CSET's ETO Chip Explorer have a US share > 50%; low = US share of equipment value added 41% "
        "as reported by SIA/BCG 2021, unverified; high = US share of EDA software 96%, CSET, no chip "
        "is designed without EDA); assembly/test 0.08 [0.05, 0.41] (1 of 12 back-end tool categories "
        "US-dominated in CSET; high = US share of SoC testers 41%); equipment makers 0.30 [0.10, 1.00] "
        "(nearly 30% of ASML components from US companies, Article section TTC; high = a single "
        "essential US component stops the tool); materials 0.10 [0.00, 0.40] (no listed materials "
        f"category US-dominated in CSET; photomasks 40%). Here weights: {wtxt}.",
        [
            "Article fn. 76 (half of the 10 critical stages controlled by the USA)",
            "Article, section TTC (after fn. 96): nearly 30% of ASML components from US companies",
            "CSET Emerging Technology Observatory, Chip Explorer data (georgetown-cset/eto-chip-explorer, data/provision.csv): USA 96% of EDA software, 52% of core IP, >50% in PVD, CVD, RTP, plating, conductor etch, process control",
            "SIA/BCG (2021) 'Strengthening the Global Semiconductor Supply Chain': US 41% of equipment, 74% of EDA & core IP value added (as reported in REFERENCES.md, unverified; used only as the low bound)",
            case["w_src"],
        ],
    )

    # --- market loss m -----------------------------------------------------------------
    m = sum(w[k] * case["x"][k] for k in SEGMENTS)
    m_min_obs = sum(w[k] * case["x_lo"][k] for k in SEGMENTS)
    m_hi = sum(w[k] * case["x_hi"][k] for k in SEGMENTS)
    m_lo = 0.5 * m_min_obs
    out["market_loss"] = (
        m,
        m_lo,
        m_hi,
        "m = sum over segments of (segment share of the ally's semiconductor revenue) * (China + Hong "
        "Kong share of that segment's sales, by customer location, reference year 2022). Measured as "
        "exposure, like t. Range: low = 0.5 * exposure at the lowest observed 2020-24 share (much "
        "China-bound trade is assembly for re-export and is not put at risk by controls); high = "
        "exposure at the highest observed share. China-located fabs of the ally's firms are not "
        "counted (nor are waivers protecting them counted in B).",
        case["x_src"] + [case["w_src"]],
    )

    # --- leader values and enforcement --------------------------------------------------
    lam, lam_lo, lam_hi = LAMBDA
    out["leader_value_complex"] = (
        lam * m,
        lam_lo * m_lo,
        lam_hi * m_hi,
        "v2 = lambda * m: the US values a complex coalition by the China-bound supply it closes, "
        "which in ally-stake units is the ally's China exposure m; lambda = 1 (one unit of China's "
        "denied access is worth one unit to the US) is an assumption without direct evidence, range "
        "lambda in [0.5, 2] combined with the m range. Article: controls are ineffective without the "
        "key exporting economies.",
        [
            "Article, section Chip 4 (text after fn. 60): controls are ineffective without the support of key exporting economies",
            "Same China-exposure evidence as market_loss",
        ],
    )
    out["enforcement_value"] = (
        lam * t * m,
        lam_lo * t_lo * m_lo,
        lam_hi * t_hi * m_hi,
        "e = lambda * t * m: denying technology to a non-member destroys the share t of its industry "
        "and with it that share of its China-bound supply m; lambda as for v2 (=1, range [0.5, 2]). "
        "Range combines the lambda, t and m ranges.",
        ["Derived from stranglehold and market_loss evidence", "Article, section Chip 4 (fn. 61 context): allies' firms could otherwise capture the Chinese market"],
    )

    # --- side-payment budget -----------------------------------------------------------
    st, st_lo, st_hi = case["stake_bn"]
    B = case["awards_bn"] / (HORIZON_YEARS * st)
    B_hi = (case["awards_hi_bn"] + ITSI_FUND_BN) / (HORIZON_YEARS * st_lo)
    out["side_payment_budget"] = (
        B,
        0.0,
        B_hi,
        f"B = (CHIPS Act incentive awards announced for the ally's firms) / ({HORIZON_YEARS} years * "
        "annual semiconductor-industry revenue of the ally); the 5-year horizon is the CHIPS Act "
        "appropriation period FY2022-26, over which m and t accrue as annual shares. Revealed "
        "payments, so a lower bound on what the US could pay. Range: low 0 (awards are paid against "
        "milestones); high = (largest announced awards + the whole $500m international fund) / "
        "(5 * lowest stake). Non-monetary concessions (waivers, security guarantees, regulatory "
        f"convergence) are not monetised. Here: {case['awards_bn']:.3f}bn / (5 * {st:.1f}bn).",
        [case["awards_src"], "Article, section Chip 4 (before fn. 59): CHIPS Act allocated $500 million for collaboration with foreign governments", case["stake_src"]],
    )

    # --- defaults ----------------------------------------------------------------------
    d_rules = {
        "tech_gain": (
            "No direct evidence of the incremental gain from membership (friend-shoring, leading-edge "
            "access); common cross-case default 0.05, wide range [0, 0.2], same in every file. The "
            "article names the gain ('full-scale foray into the markets of the USA and its allies') "
            "without a measure.",
            ["Article, section Chip 4 (text after fn. 63): Japan's accession and access to US/allied markets"],
        ),
        "autonomy_cost": (
            "No measurable indicator; common cross-case default 0.05, range [0, 0.15], same in every "
            "file. The article suggests autonomy weighs more for Europe (French strategic autonomy) "
            "but gives no figure, so no case-specific value is set.",
            ["Article, section 'Security Dependency, Technological Strangleholds, ...' (fn. 43): strategic autonomy", "Morrow (1991) AJPS 35(4)"],
        ),
        "simple_cost": (
            "Cost of declarations/governance initiatives; no direct evidence; common default 0.01, "
            "range [0, 0.05], same in every file (small relative to exposure measures).",
            ["Article, section 'Security Dependency, Technological Strangleholds, ...': simple coalitions centred on conceptions and governance initiatives"],
        ),
        "security_stake": (
            "Expected abandonment loss per unit of s, in ally-stake units; no evidence converts "
            "alliance value into chip-industry units; common default 0.5 (midpoint of [0, 1]), range "
            "[0.1, 1.0], same in every file.",
            ["Snyder (1984) World Politics 36(4)", "Article, section 'Security Dependency, Technological Strangleholds, ...' (fn. 37-38): threats to end information sharing/protection"],
        ),
        "leader_value_simple": (
            "US value of a declaratory coalition; no evidence; common default 0.05, range [0, 0.1], "
            "same in every file.",
            ["Article, Table 1 (US-led digital coalitions)"],
        ),
        "coercion_cost_base": (
            "kappa0: US cost of carrying out a technology denial against any ally (own firms' lost "
            "sales, escalation); no verified figure; common default 0.05, range [0, 0.15], same in "
            "every file.",
            ["Article, section Chip 4 (fn. 61): controls may cut US firms' revenue and R&D", "Drezner (1998) ISQ 42(4)"],
        ),
        "coercion_cost_slope": (
            "kappa1: extra cost of coercing a less dependent ally, kappa(s) = kappa0 + kappa1(1-s); no "
            "evidence; common default 0.5 (midpoint of [0, 1]: coercing a fully independent ally costs "
            "up to one stake), range [0.1, 1.0], same in every file.",
            ["Article, section 'Security Dependency, ...': without security dependency a stranglehold leads to conflict", "Gerzhoy (2015) International Security 39(4)"],
        ),
        "target_offer": (
            "China's offer for staying out is 0 in the baseline (MODEL.md section 2); range [0, 0] so "
            "the baseline is not varied; wedge strategies are scenarios (MODEL.md section 5).",
            ["Article, Conclusion: China's four counter-coalition options incl. a wedge strategy"],
        ),
        "linkage_cap": (
            "X-bar, the largest security penalty the USA can credibly attach to a refused "
            "coalition (MODEL.md section 6): +inf, no cap, the baseline of MODEL.md section 2 "
            "(abandonment s*sigma is automatic and free for the leader). Fixed at +inf until the "
            "linkage model is calibrated from the record of penalties actually carried out.",
            ["MODEL.md section 6 (the linkage option)", "Fearon (1994) APSR 88(3): audience costs"],
        ),
        "ally_power": (
            "Nash bargaining weight; no direct evidence; symmetric default 0.5, full range [0, 1], same "
            "in every file (does not affect sustainability, only the split).",
            ["Nash (1950); Binmore, Rubinstein & Wolinsky (1986)"],
        ),
    }
    for k, (v, lo, hi) in DEFAULTS.items():
        out[k] = (v, lo, hi, d_rules[k][0], d_rules[k][1])
    return out


#: Evidence status (direct / indirect / none) of the parameters that have the same one in every
#: case; the others are read from the case (``arms_evidence``, ``b_evidence``).
EVIDENCE = {
    "stranglehold": "indirect",
    "market_loss": "indirect",
    "leader_value_complex": "indirect",
    "enforcement_value": "indirect",
    "tech_gain": "none",
    "autonomy_cost": "none",
    "simple_cost": "none",
    "security_stake": "none",
    "leader_value_simple": "none",
    "coercion_cost_base": "none",
    "coercion_cost_slope": "none",
    "target_offer": "none",
    "ally_power": "none",
    "linkage_cap": "none",
    "leader_scale": "none",
}
#: One unknown shared by every case (a property of the leader): drawn once per Monte Carlo draw.
COMMON = {"coercion_cost_base", "coercion_cost_slope", "leader_scale"}


def evidence(case: dict, name: str) -> str:
    """The evidence status of parameter ``name`` in ``case``."""
    if name == "security_dependency":
        return case["arms_evidence"]
    if name == "side_payment_budget":
        return case["b_evidence"]
    return EVIDENCE[name]


ORDER = list(PARAMETER_NAMES)
DIGITS = {"side_payment_budget": 4}

# Parameters computed from others (written as `derived = { product = [...] }`, checked by the
# loader, and recomputed from the drawn factors in the Monte Carlo) and the hyper-parameters they need.
DERIVED = {
    "leader_value_complex": ["leader_scale", "market_loss"],
    "enforcement_value": ["leader_scale", "stranglehold", "market_loss"],
}
HYPERPARAMETERS = {
    "leader_scale": (
        *LAMBDA,
        "lambda: the US valuation of one unit of China's denied access, in ally-stake units, used "
        "by v2 = lambda * m and e = lambda * t * m. lambda = 1 (one unit of China's denied access "
        "is worth one unit to the US) is an assumption without direct evidence; range [0.5, 2], "
        "same in every file.",
        [
            "Assumption of this calibration (no direct evidence converts US strategic value into ally-stake units)",
            "Article, section Chip 4 (text after fn. 60): controls are ineffective without the support of key exporting economies",
        ],
    ),
}


def q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_toml(cid: str, case: dict, params: dict) -> str:
    lines = [
        "[case]",
        f"id = {q(cid)}",
        'leader = "United States"',
        f"ally = {q(case['ally'])}",
        f"coalition = {q(case['coalition'])}",
        f"description = {q(case['description'])}",
        "",
    ]
    for name in ORDER:
        v, lo, hi, rule, src = params[name]
        n = DIGITS.get(name, 3)
        v, lo, hi = r(v, n), r(lo, n), r(hi, n)
        lo, hi = min(lo, v), max(hi, v)
        lines += [
            f"[parameters.{name}]",
            f"value = {v}",
            f"range = [{lo}, {hi}]",
        ]
        if name in DERIVED:
            lines.append(
                "derived = { product = [" + ", ".join(q(f) for f in DERIVED[name]) + "] }"
            )
        lines.append(f"evidence = {q(evidence(case, name))}")
        if name in COMMON:
            lines.append("common = true")
        lines += [
            f"rule = {q(rule)}",
            "sources = [" + ", ".join(q(x) for x in src) + "]",
            "",
        ]
    st, st_lo, st_hi = case["stake_bn"]
    lines += [
        "[stake]",
        f"value = {r(st, 1)}",
        f"range = [{r(st_lo, 1)}, {r(st_hi, 1)}]",
        'evidence = "indirect"',
        "rule = "
        + q(
            "W: the ally's annual semiconductor-industry revenue, US$ bn (reference year 2022), "
            "the unit of every payoff of this dyad; the coalition game weighs the member by it."
        ),
        "sources = [" + q(case["stake_src"]) + "]",
        "",
    ]
    for name, (v, lo, hi, rule, src) in HYPERPARAMETERS.items():
        lines += [
            f"[hyperparameters.{name}]",
            f"value = {v}",
            f"range = [{lo}, {hi}]",
            f"evidence = {q(evidence(case, name))}",
            *(["common = true"] if name in COMMON else []),
            f"rule = {q(rule)}",
            "sources = [" + ", ".join(q(x) for x in src) + "]",
            "",
        ]
    return "\n".join(lines)


BOUNDS01 = {"security_dependency", "stranglehold", "ally_power"}


def check(path: Path) -> dict:
    data = tomllib.loads(path.read_text())
    for name in ORDER:
        p = data["parameters"][name]
        lo, hi = p["range"]
        assert lo <= p["value"] <= hi, (path, name)
        assert lo >= 0, (path, name)
        if name in BOUNDS01:
            assert hi <= 1, (path, name)
        if name == "security_stake":
            assert lo > 0, (path, name)
        assert p["rule"] and p["sources"], (path, name)
    return data


def main() -> None:
    rows = []
    for cid, case in CASES.items():
        params = derive(case)
        path = HERE / f"{cid}.toml"
        path.write_text(to_toml(cid, case, params))
        data = check(path)
        rows.append((cid, data["parameters"]))
    head = "| parameter | " + " | ".join(c for c, _ in rows) + " |"
    print(head)
    print("|" + "---|" * (len(rows) + 1))
    for name in ORDER:
        cells = []
        for _, p in rows:
            lo, hi = p[name]["range"]
            cells.append(f"{p[name]['value']} [{lo}, {hi}]")
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
