"""Derive the five dyad calibrations from the evidence inputs below.

Run:  python tools/derive_calibration.py   (writes the five coalition_games/cases/*.toml files and
docs/explanation/calibration_table.inc, prints the value table; tests/test_cases.py checks that
the shipped files are exactly its output)

Every number in the TOML files is computed here from the evidence inputs by ONE rule per
parameter, identical for all five cases (docs/explanation/calibration.rst). Each number carries
an evidence status (``direct``, ``indirect``, ``none``) and, where it is one unknown shared by all
allies (a property of the leader), ``common = true``. Nothing here solves the game: no value was
chosen by looking at the outcome it produces. Inputs marked "recalled, unverified" were not found
in a source read for this calibration; every other input cites the page it was read from.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coalition_games.parameters import PARAMETER_NAMES  # noqa: E402

HERE = ROOT / "coalition_games" / "cases"
TABLE = ROOT / "docs" / "explanation" / "calibration_table.inc"

# ---------------------------------------------------------------------------------------
# Common constants (one value for every case)
# ---------------------------------------------------------------------------------------
# Treaty-commitment score (rubric in docs/explanation/calibration.rst).
TREATY_BILATERAL = 1.0  # bilateral defence treaty, US sole guarantor incl. nuclear umbrella
TREATY_NATO = 0.75  # multilateral collective-defence treaty shared with other nuclear allies
TREATY_TRA = 0.5  # no treaty: statutory commitment short of a guarantee (Taiwan Relations Act)

# 2022 annual average exchange rates (recalled, unverified).
JPY_PER_USD = 131.5
KRW_PER_USD = 1292.0
TWD_PER_USD = 29.8
USD_PER_EUR = 1.053
FX_SRC = "2022 annual average exchange rates JPY 131.5, KRW 1,292, TWD 29.8 per USD and USD 1.053 per EUR (recalled, unverified)"

HORIZON_YEARS = 5  # CHIPS Act appropriations FY2022-26; one-off transfers spread over it
ITSI_FUND_BN = 0.5  # CHIPS Act international fund (Article, section Chip 4)

# --- stranglehold t: US control of each segment's critical inputs (value, low, high) ------
# The rule of revision 1 (one control vector for every ally, no node split), kept to report
# the old value beside the new one.
U_OLD = {
    "fab": (0.50, 0.40, 0.96),
    "osat": (0.08, 0.05, 0.41),
    "equipment": (0.30, 0.10, 1.00),
    "materials": (0.10, 0.00, 0.40),
}
# Node-aware rule: fab-based devices split at the BIS thresholds of 7 Oct 2022 (logic
# non-planar or 16/14 nm and below, NAND 128 layers and more, DRAM 18 nm half-pitch and below).
U_ADVANCED = (0.50, 0.40, 0.96)  # at or beyond the thresholds: the old fab values (Article fn. 76)
U_MATURE = (0.25, 0.10, 0.41)  # above the thresholds: non-US EDA and tools exist (see rule)
U_EUV = (1.0, 0.8, 1.0)  # EUV scanners: light source developed and made by Cymer, San Diego
U_DUV = (0.5, 0.3, 1.0)  # DUV scanners: about half of the lasers from Cymer, half Gigaphoton
U_OTHER_EQUIPMENT = U_OLD["equipment"]  # other equipment makers: US-sourced components
EUV_SHARE = 7.0 / 15.4303  # ASML 2022: EUV system sales EUR 7.0bn of net system sales EUR 15,430.3m
U_OSAT = U_OLD["osat"]
U_MATERIALS = U_OLD["materials"]

# --- security stake sigma = q * C / (s * W) ------------------------------------------------
# Record of allies' refusals of US economic or technology demands and the security penalty
# carried out (docs/explanation/calibration.rst): 0 realised in 5 episodes (AIIB 2015, Germany
# Huawei 2019, UK Huawei 2020, Korea SMA 2019-20, Germany 2020), 10 if each AIIB joiner counts;
# 2 realisations if the announced (never begun) Germany-2020 cut and the Israel-2005 JSF
# suspension (defence technology) are counted.
P_TRIGGER = ((0 + 1) / (5 + 2), (0 + 0.5) / (10 + 1), (2 + 1) / (7 + 2))  # Laplace, Jeffreys, counted
F_WITHDRAWN = (11_900 / 36_000, 11_900 / 36_000, 1.0)  # Germany 2020: 11,900 of ~36,000 troops

# --- linkage cap X-bar ---------------------------------------------------------------------
US_TROOPS_STATIONED_EUROPE = 100_000  # Bruegel/Kiel (Feb 2025) as reported by Fortune

# --- side-payment budget: export-control waivers ------------------------------------------
# phi: share of the protected China fabs' revenue the waiver protects = an even chance (no
# evidence) that case-by-case licensing would have denied US tools, times the US control of an
# advanced fab's inputs (U_ADVANCED); low: licensing friction only (BIS 2025 intends to license
# continued operation); high: full denial at the highest US control.
PHI = (0.5 * U_ADVANCED[0], 0.05, U_ADVANCED[2])
WAIVER_YEARS = (HORIZON_YEARS, (3 + 86 / 365), HORIZON_YEARS)  # in force 7 Oct 2022 - 31 Dec 2025

# --- coercion cost kappa(s) = kappa0 + kappa1 (1 - s) --------------------------------------
US_BIG3_REVENUE_BN = 25.79 + 17.23 + 9.21  # AMAT FY2022 (verified); Lam, KLA FY2022 (recalled)
US_TOOL_GROSS_MARGIN = 0.461  # Lam, Sep-2022 quarter (AMAT FY2022: 46.5%)
EU_REBALANCING_BN = 3.2  # EU duties of 22 Jun 2018 on EUR 2.8bn ($3.2bn) of US goods
EU_DUTY_RATE = 0.25
LAMBDA = (1.0, 0.5, 2.0)  # US valuation of one unit of China's denied access (value, lo, hi)

DEFAULTS = {  # parameters without evidence: one cross-case prior each (value, lo, hi)
    "tech_gain": (0.05, 0.0, 0.20),
    "autonomy_cost": (0.05, 0.0, 0.15),
    "simple_cost": (0.01, 0.0, 0.05),
    "leader_value_simple": (0.05, 0.0, 0.10),
    "target_offer": (0.0, 0.0, 0.0),
    "ally_power": (0.5, 0.0, 1.0),
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
            "Tokyo Electron China share ~44% in FY2023 (as reported by secondary sources, unverified; not used)",
        ],
        stake_bn=(95.0, 85.0, 105.0),
        stake_src="Sum of the segment revenues above (~$95bn, approximate)",
        awards_bn=0.0,
        awards_hi_bn=0.0,
        awards_src="No CHIPS Act incentive award to a Japanese-headquartered firm identified in this calibration; US concession: IBM 2 nm GAA technology and training for Rapidus (Article, section Chip 4; not monetised)",
        arms_evidence="direct",
        advanced=(0.25, 0.20, 0.35),
        advanced_src="Share of Japanese device revenue at or beyond the BIS thresholds: Kioxia 3D NAND (128+ layers, FY2022 revenue ~JPY 1.28tn, recalled, unverified) of ~$43bn device revenue; Japan's most advanced in-house logic was Renesas 40 nm until JASM's 12-28 nm fab (SemiMedia, 30 Jan 2024); Sony I&SS FY2022 sales JPY 1,402.2bn (global-net.co.jp, 28 Apr 2023) are mostly mature-node sensors. Range [0.20, 0.35] (recalled revenues)",
        asml_share=0.0,
        asml_src="No lithography-scanner maker; Japanese equipment makers take the other-equipment control",
        replacement_bn=(211.0 / JPY_PER_USD, 4_206.9 / HORIZON_YEARS / JPY_PER_USD, (4_206.9 + 21_325.0 / HORIZON_YEARS) / JPY_PER_USD),
        replacement_text="low = host-nation support JPY 211bn a year (2022 SMA); value = the new capabilities Japan would need without the alliance, JPY 4,206.9bn (Takeda and Muto 2012, 2012 prices), read as one-off and spread over 5 years; high = the same read as annual plus the one-off dissolution shocks JPY 21,325bn spread over 5 years",
        replacement_src=[
            "Takeda and Muto (2012) 'Kosuto wo shisan! Nichibei domei kaitai' as reported by NEWS Post Seven / SAPIO (31 Jul 2016, https://www.news-postseven.com/archives/20160731_429392.html/2): direct cost JPY 4,206.9bn (island defence 299.3, carrier task forces 1,767.6, fighters 1,120, ISR replacing missile defence 800, civil defence 220), indirect cost JPY 21,325bn, total up to JPY 25,531.9bn",
            "Host-nation support: JPY 1.05tn for FY2022-26 under the 2022 SMA, i.e. JPY 211bn a year (Kyodo as reposted by sott.net; JMH summary of NHK, 7 Jan 2022, https://jmh.usembassy.gov/20220107182508/ ; its '1.55 trillion' is a typo for 1.055)",
        ],
        replacement_evidence="indirect",
        threat_bn=8.0 * 3 / 4,
        threat_text="the US demand to quadruple host-nation support to $8bn a year (the extra $6bn)",
        threat_src="Kyodo as reposted by sott.net (Dec 2021): 'the Trump administration once pushed for Japan's contribution to be quadrupled to $8 billion annually'; no penalty followed and the 2022 SMA rose by about JPY 10bn a year",
        threat_evidence="indirect",
        china_fabs=None,
        kappa0_share=(606 / 6743 + 0.09) / 2,
        kappa0_addon_bn=0.10 * 95.0,
        kappa0_addon_text="+ 0.10 of the stake for US customers' purchases from Japanese firms (assumed, no source)",
        b_evidence="direct",
        stake_evidence="indirect",
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
        awards_bn=4.745 + 0.458,
        awards_hi_bn=6.4 + 0.458,
        awards_src="US Commerce Department CHIPS awards: Samsung up to $4.745bn final (20 Dec 2024; preliminary $6.4bn, Apr 2024), SK hynix up to $458m (Dec 2024), as reported by Reuters/CNA (21 Dec 2024)",
        arms_evidence="direct",
        advanced=(0.80, 0.75, 0.95),
        advanced_src="OECD, 'The chip landscape' (2025, data as of Sep 2025): almost 80% of Korea's capacity at nodes between 6 and below 22 nm (memory); SK hynix 2022 flagship 1a nm DRAM and 176-layer NAND are beyond the BIS thresholds. Range [0.75, 0.95]",
        asml_share=0.0,
        asml_src="No lithography-scanner maker",
        replacement_bn=(1_183.3 * 1.054 / KRW_PER_USD, 29_500.0 / HORIZON_YEARS / KRW_PER_USD, 36_000.0 / KRW_PER_USD),
        replacement_text="low = South Korea's 2022 cost-sharing payment for USFK, KRW 1,183.3bn (2021, 11th SMA) indexed by the 5.4% defence-budget rise; value = the cost of filling the void of a USFK withdrawal, KRW 23-36tn (midpoint 29.5tn), read as one-off and spread over 5 years; high = KRW 36tn read as annual",
        replacement_src=[
            "Kwon Heon-cheol (Korea National Defense University) as reported by the Korea Herald (13 Sep 2011, https://www.koreaherald.com/view.php?ud=20110913000148): filling the void of a USFK withdrawal may cost KRW 23-36tn; USFK equipment worth KRW 17-31tn",
            "11th SMA: KRW 1,183.3bn for 2021 (+13.9%), later years indexed to the defence budget (+5.4% in 2022) (KBS World, 8 Apr 2021; Aju News, Mar 2021; Xinhua via People's Daily, 10 Mar 2021)",
        ],
        replacement_evidence="indirect",
        threat_bn=5.0 - 0.87,
        threat_text="the US demand of $5bn for 2020 against $870m paid for 2019, with troop-cut options given to the White House",
        threat_src="Yonhap (18 Jul 2020, https://en.yna.co.kr/view/AEN20200718000351325): the Pentagon offered the White House options to reduce troops in South Korea; Trump initially demanded $5bn against $870m paid for 2019; no decision was made and the 11th SMA (2021) settled at +13.9%. Article (section 'Security Dependency...', fn. 38): the USA threatened South Korea with ending information-sharing over Huawei; it failed to prevent South Korea joining the AIIB",
        threat_evidence="direct",
        china_fabs=(
            0.40 * 20.1 + 0.45 * 23.4 + 0.30 * 11.15,
            0.40 * 20.1 + 0.30 * 23.4 + 0.20 * 11.15,
            0.425 * 20.1 + 0.50 * 23.4 + 0.40 * 11.15,
        ),
        china_fabs_text="Samsung Xi'an 0.40 [0.40, 0.425] of Samsung NAND revenue $20.1bn + SK hynix Wuxi 0.45 [0.30, 0.50] of SK hynix DRAM revenue $23.4bn + Dalian 0.30 [0.20, 0.40] of SK Group NAND revenue $11.15bn (2022)",
        china_fabs_src=[
            "BIS final rule 88 FR 71478 (17 Oct 2023): validated end-user authorisations for Samsung China Semiconductor and SK hynix Semiconductor (China), formalising authorisations in force since 7 Oct 2022 (Export Compliance Daily, 16 Oct 2023); Article, section Chip 4: 'In October 2023, the US government announced that it would indefinitely allow Samsung and SK hynix to send semiconductor equipment to factories in China'",
            "BIS final rule 90 FR 42321 (2 Sep 2025, https://www.govinfo.gov/content/pkg/FR-2025-09-02/html/2025-16735.htm): VEU authorisations of Intel Semiconductor (Dalian), Samsung China Semiconductor and SK hynix Semiconductor (China) revoked effective 31 Dec 2025",
            "Samsung Xi'an: 250,000 wafers a month, more than 40% of Samsung's NAND production (SemiMedia); 42.5% of its NAND capacity (SCMP, 27 Dec 2021)",
            "SK hynix Wuxi: about 50% of SK hynix DRAM production (Yonhap via Korea Bizwire, 18 Apr 2019); 40-50% (BusinessKorea, 19 Apr 2019); 30-40% (vihochips, Jan 2026)",
            "2022 revenues as reported: Samsung NAND ~$20.1bn and SK Group NAND ~$11.15bn (TrendForce quarterly rankings via Yonhap and iConnect007), SK hynix KRW 44.648tn (~$34.6bn), DRAM ~$23.4bn as the residual (approximate); Dalian's share of SK Group NAND not found (range assumed)",
        ],
        kappa0_share=(1082 / 6743 + 0.17) / 2,
        kappa0_addon_bn=0.10 * 130.0,
        kappa0_addon_text="+ 0.10 of the stake for US customers' purchases from Korean firms (assumed, no source)",
        b_evidence="indirect",
        stake_evidence="indirect",
    ),
    "us_taiwan": dict(
        ally="Taiwan",
        coalition="Chip 4",
        description=(
            "US-Taiwan dyad of the Chip 4 semiconductor coalition. Taiwan has no defence treaty "
            "with the US (Taiwan Relations Act, 1979) but buys nearly all its imported arms from "
            "it. Its industry is foundry-led (TSMC, 80-90% of high-end production, Article "
            "fn. 57) plus packaging and test, with most chip exports going to China and Hong "
            "Kong. Compensation: CHIPS Act awards to TSMC Arizona ($6.6bn) and GlobalWafers ($406m), and the authorisation for TSMC Nanjing (revoked from 31 Dec 2025). Reference year 2022."
        ),
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
        awards_bn=6.6 + 0.406,
        awards_hi_bn=6.6 + 0.406,
        awards_src="US Commerce Department final CHIPS awards: $6.6bn to TSMC Arizona (15 Nov 2024, as reported by CNBC and DatacenterDynamics) and up to $406m to GlobalWafers' US subsidiaries (17 Dec 2024, Commerce release via EIN Presswire)",
        arms_evidence="indirect",
        advanced=(
            (68.2 * 0.85 * 0.66 + 5.5 * 0.3) / (68.2 + 5.5 + 7.2),
            (68.2 * 0.85 * 0.53 + 5.5 * 0.0) / (68.2 + 5.5 + 7.2),
            (68.2 * 0.85 * 0.66 + 5.5 * 1.0) / (68.2 + 5.5 + 7.2),
        ),
        advanced_src="Fab-segment revenue at or beyond the BIS thresholds: foundry (68.2 of the 80.9 fab-segment points, MOEA) x TSMC's share of Taiwanese foundry revenue 0.85 (TSMC NT$2.26tn verified; UMC, VIS, PSMC recalled) x TSMC's wafer revenue at 16 nm and below 0.66 (7 nm and below 53% in 2022, Taipei Times 8 May 2023; 16 nm ~13%, recalled) + DRAM (5.5 points) x 0.3 [0, 1] (judgment); low uses 7 nm and below only and no DRAM",
        asml_share=0.0,
        asml_src="No equipment segment in the MOEA production total",
        replacement_bn=(71.6 / TWD_PER_USD, (0.05 - 0.022) * (586.3 - 71.6) / 0.022 / TWD_PER_USD, 0.05 * (586.3 - 71.6) / 0.022 / TWD_PER_USD),
        replacement_text="no replacement-cost study found; low = Taiwan's 2023 defence-budget increase NT$71.6bn; value = raising defence spending from 2.2% of GDP (2022) to the stated 5% target, applied to 2022 GDP (NT$514.7bn / 0.022); high = the whole 5%-of-GDP budget",
        replacement_src=[
            "Taiwan News (25 Aug 2022, https://www.taiwannews.com.tw/en/news/4637283): 2023 defence budget NT$586.3bn, NT$71.6bn (+13.9%) above 2022, 2.4% of GDP against 2.2% in 2022",
            "President Lai's target of defence spending at 5% of GDP by 2030 (AFP as reposted; Devdiscourse, 22 Aug 2025; Lai in the Washington Post as reported by SCMP, 26 Nov 2025): a policy target, not a replacement-cost estimate",
        ],
        replacement_evidence="indirect",
        threat_bn=None,
        threat_text="",
        threat_src="No security penalty threatened against Taiwan over an economic refusal found",
        threat_evidence="none",
        china_fabs=(0.03 * 73.76, 0.025 * 73.76, 0.035 * 73.76),
        china_fabs_text="TSMC Nanjing, about 3% [2.5%, 3.5%] of TSMC's output, times TSMC's 2022 revenue $73.76bn",
        china_fabs_src=[
            "Taiwan MOEA via CNA / Focus Taiwan (3 Sep 2025, https://focustaiwan.tw/business/202509030004): the US revoked the VEU status of TSMC's Nanjing fab effective 31 Dec 2025; Nanjing is about 3% of TSMC's output",
            "TradingKey via Mitrade (3 Sep 2025): Nanjing received its authorisation after the 2022 controls (never listed in the Federal Register); 12 nm and older processes",
            "Taipei Times (8 May 2023): TSMC 2022 consolidated sales NT$2.26tn (US$73.76bn)",
        ],
        kappa0_share=(2068 / 6743 + 0.22) / 2,
        kappa0_addon_bn=0.66 * 73.76,
        kappa0_addon_text="+ US customers' purchases from TSMC, North America 0.66 of TSMC revenue (recalled, unverified; 56% in early 2020 and 76% in 2025 as reported by Motley Fool) x $73.76bn",
        b_evidence="indirect",
        stake_evidence="indirect",
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
        awards_bn=0.0,
        awards_hi_bn=0.225,
        awards_src="No final CHIPS award to an EU-headquartered firm found; Bosch signed a non-binding preliminary memorandum of terms for up to $225m (Roseville, CA; 13 Dec 2024, eeNews Europe, Manufacturing.net), counted in the high bound only; US concessions to the EU are regulatory (Article fn. 42, fn. 110) and not monetised",
        arms_evidence="indirect",
        advanced=(0.05, 0.0, 0.10),
        advanced_src="Article (section TTC, fn. 94): more than half of Europe's capacity makes 180 nm chips and no European company can produce leading-edge chips; STMicroelectronics' 28 nm FD-SOI is planar and above the 16/14 nm threshold; the advanced share is EU firms' designs made at TSMC (no figure found: value 0.05 [0, 0.10] is a judgment)",
        asml_share=0.80,
        asml_src="ASML EUR 27.56bn (2023, 20-F) of ~$37bn EU equipment revenue (approximate)",
        replacement_bn=(0.100 * USD_PER_EUR, 1_000.0 / 25 * 0.80, 250.0 * 0.845 * USD_PER_EUR),
        replacement_text="low = German federal payments for US forces, about EUR 100m a year (the only host-nation payment found; a weak floor for the EU); value = IISS: about $1tn over 25 years to replace the US contribution to NATO-Europe, times the EU's share of NATO-Europe GDP 0.80 (recalled, unverified); high = Bruegel/Kiel: about EUR 250bn a year more for EU+UK, times the EU's share of EU+UK GDP 0.845 (recalled, unverified)",
        replacement_src=[
            "IISS, 'Defending Europe Without the United States: Costs and Consequences' (May 2025) as reported by Scrolli, Strategic Culture and Politico (via fakti.bg): about $1tn over 25 years, incl. $226-344bn one-off procurement; 128,000 US personnel",
            "Burilkov and Wolff, 'Defending Europe without the US: First estimates of what is needed', Kiel Policy Brief 183 (Feb 2025, https://econpapers.repec.org/RePEc:zbw:ifwkpb:312398): an increase of about EUR 250bn annually; 300,000 troops",
            "German Finance Ministry as reported by german-foreign-policy.com (7 Jul 2020): federal payments to US forces on average ~EUR 100m a year (as reported)",
        ],
        replacement_evidence="indirect",
        threat_bn=11_900 / US_TROOPS_STATIONED_EUROPE * (1_000.0 / 25 * 0.80),
        threat_text="the announced withdrawal of 11,900 US troops from Germany (2020) as a share of the ~100,000 stationed in Europe, times the replacement-cost value",
        threat_src="JCS news (29 Jul 2020) and AP (4 Feb 2021): 11,900 of ~36,000 troops to leave Germany, announced 29 Jul 2020, never begun, frozen by President Biden; Article (section TTC): in March 2019 the USA threatened Germany with cuts in intelligence sharing if it did not ban Huawei 5G (not carried out); Bruegel/Kiel as reported by Fortune (Feb 2025): ~100,000 US troops stationed in Europe",
        threat_evidence="indirect",
        china_fabs=None,
        kappa0_share=(375 / 6743 + 0.06) / 2,
        kappa0_addon_bn=0.16 * 21.1734 * USD_PER_EUR + 0.10 * 50.0,
        kappa0_addon_text="+ US customers' purchases: 16% of ASML's sales (2024, Taipei Times 4 Apr 2025, as reported) and 10% of EU device makers' ~$50bn (assumed)",
        b_evidence="indirect",
        stake_evidence="indirect",
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
        awards_bn=0.0,
        awards_hi_bn=0.0,
        awards_src="No CHIPS Act award to a Dutch-headquartered firm identified; US concession: bilateral negotiation to limit the impact on ASML (Article, section TTC, after fn. 96), not monetised",
        arms_evidence="indirect",
        advanced=(0.10, 0.05, 0.20),
        advanced_src="NXP (the Dutch device maker) makes its advanced automotive processors at TSMC 16 nm and 5 nm and its own fabs are mature-node; no figure found: value 0.10 [0.05, 0.20] is a judgment",
        asml_share=27.56 / (27.56 + 2.6 + 0.6),
        asml_src="ASML EUR 27.56bn of EUR 30.76bn Dutch equipment revenue (ASM International ~2.6, Besi ~0.6, approximate)",
        replacement_bn=(0.100 * USD_PER_EUR * 0.061, 1_000.0 / 25 * 0.80 * 0.061, 250.0 * 0.845 * USD_PER_EUR * 0.061),
        replacement_text="the EU's low, value and high times the Netherlands' share of EU GDP 0.061 (recalled, unverified)",
        replacement_src=[
            "IISS (May 2025), Bruegel/Kiel (Feb 2025) and German Finance Ministry figures as for the EU (see us_eu)",
        ],
        replacement_evidence="indirect",
        threat_bn=None,
        threat_text="",
        threat_src="No security penalty threatened against the Netherlands over an economic refusal found (the 2023 ASML restrictions were negotiated bilaterally, Article section TTC)",
        threat_evidence="none",
        china_fabs=None,
        kappa0_basis_bn=0.30 * 10.4733 * USD_PER_EUR,
        kappa0_basis_text="nearly 30% of ASML components come from US companies (Article, section TTC) x ASML 2022 cost of sales EUR 10,473.3m (ASML Q4 2022 results, SEC exhibit)",
        kappa0_addon_bn=0.16 * 21.1734 * USD_PER_EUR + 0.10 * 13.21,
        kappa0_addon_text="+ US customers' purchases: 16% of ASML's sales (2024, Taipei Times 4 Apr 2025, as reported) and 10% of NXP's $13.21bn (assumed)",
        b_evidence="direct",
        stake_evidence="indirect",
    ),
}

SEGMENTS = ("fab", "osat", "equipment", "materials")
LOW, VALUE, HIGH = 1, 0, 2  # positions in the (value, low, high) triples


def r(x: float, n: int = 3) -> float:
    return float(round(x + 0.0, n))


def sig(x: float, n: int = 4) -> float:
    """x rounded to n significant digits."""
    if x == 0 or not math.isfinite(x):
        return float(x)
    return float(round(x, n - 1 - math.floor(math.log10(abs(x)))))


def security_dependency(case: dict) -> float:
    return 0.5 * case["arms"] + 0.5 * case["treaty"]


def _control(case: dict, k: int) -> dict[str, float]:
    """US control of each segment of this ally's industry, at position k (value, low, high)."""
    a = case["advanced"][k]
    u_asml = EUV_SHARE * U_EUV[k] + (1 - EUV_SHARE) * U_DUV[k]
    return {
        "fab": a * U_ADVANCED[k] + (1 - a) * U_MATURE[k],
        "osat": U_OSAT[k],
        "equipment": case["asml_share"] * u_asml + (1 - case["asml_share"]) * U_OTHER_EQUIPMENT[k],
        "materials": U_MATERIALS[k],
    }


def _fmt(x: float) -> str:
    return f"{x:.3g}"


def derive(case: dict) -> dict:
    """Apply the common rules. Returns {param: (value, lo, hi, rule, sources, evidence, common)}."""
    out: dict = {}
    w = case["w"]
    assert abs(sum(w.values()) - 1.0) < 1e-9, w
    st, st_lo, st_hi = case["stake_bn"]

    # --- security dependency s ---------------------------------------------------------
    a, tr = case["arms"], case["treaty"]
    s = security_dependency(case)
    out["security_dependency"] = (
        s,
        min(a, tr),
        max(a, tr),
        f"s = 0.5 * (US share of the ally's arms imports, SIPRI TIV 5-year window) + 0.5 * (treaty score: "
        f"1.0 bilateral defence treaty with exclusive US extended deterrence, 0.75 NATO collective "
        f"defence, 0.5 statutory commitment without treaty, 0 none; population-weighted for the EU). "
        f"Range = [min, max] of the two indicators. Here: 0.5*{a:.3f} + 0.5*{tr:.3f}. Evidence: "
        + (
            "direct (both inputs read for this ally; the weights and the treaty rubric are stated judgments)."
            if case["arms_evidence"] == "direct"
            else "indirect (the arms share is for another period or population, or from a secondary report; see sources)."
        ),
        [case["arms_src"], case["treaty_src"]],
        case["arms_evidence"],
        False,
    )

    # --- stranglehold t (node-aware), with the old rule beside it ---------------------
    u = [_control(case, k) for k in (0, 1, 2)]
    t, t_lo, t_hi = (sum(w[g] * u[k][g] for g in SEGMENTS) for k in (0, 1, 2))
    old = [sum(w[g] * U_OLD[g][k] for g in SEGMENTS) for k in (0, 1, 2)]
    wtxt = ", ".join(f"{g} {w[g]:.2f}" for g in SEGMENTS if w[g] > 0)
    adv = case["advanced"]
    out["stranglehold"] = (
        t,
        t_lo,
        t_hi,
        "t = sum over the ally's industry segments of (segment share of the ally's semiconductor "
        "revenue) * (US control of that segment's critical inputs), with US control by segment AND "
        "node. Fab-based devices: a * U_adv + (1 - a) * U_mat, a = share of the ally's fab-segment "
        "revenue at or beyond the BIS thresholds of 7 Oct 2022 (logic non-planar or 16/14 nm and "
        "below, NAND 128 layers and more, DRAM 18 nm half-pitch and below); U_adv = 0.50 [0.40, "
        "0.96] (half of the critical stages US-controlled, Article fn. 76; low = US share of "
        "equipment value added 41%, SIA/BCG 2021 as reported, unverified; high = US share of EDA "
        "96%, CSET); U_mat = 0.25 [0.10, 0.41] (Article: China's own EDA works at 28 nm, so non-US "
        "design tools exist at mature nodes; Chinese mature-node equipment self-sufficiency "
        "'approaching 90%', as reported; high = US equipment value-added share with no "
        "substitution; low = about one stage in ten without a non-US source; value = the "
        "midpoint). Equipment makers: lithography scanners e * U_EUV + (1 - e) * U_DUV with "
        f"e = {EUV_SHARE:.3f} (EUV share of ASML's 2022 system sales), U_EUV = 1.0 [0.8, 1.0] "
        "(the EUV light source is developed and made by Cymer in San Diego, under US "
        "jurisdiction), U_DUV = 0.5 [0.3, 1.0] (Cymer supplies about half of the DUV lasers, "
        "Gigaphoton the rest; low = nearly 30% of ASML components from US companies, Article; "
        "high = the 0% de-minimis rule of Oct 2023 reaches every tool); other equipment makers "
        "0.30 [0.10, 1.00] (the old rule); assembly/test 0.08 [0.05, 0.41] and materials 0.10 "
        "[0, 0.40] (the old rule). Range = the same sums at the low/high controls and a. "
        f"Here: weights {wtxt}; a = {adv[0]:.3f} [{adv[1]:.3f}, {adv[2]:.3f}]; scanner maker share "
        f"of equipment revenue {case['asml_share']:.3f}. The old rule (one control vector for "
        f"every ally, no node split: fab 0.50, assembly 0.08, equipment 0.30, materials 0.10) gave "
        f"t = {old[0]:.3f} [{old[1]:.3f}, {old[2]:.3f}]. Evidence: indirect (node shares partly "
        "recalled, U_mat and the DUV laser split without a single current source).",
        [
            "Article, section Chip 4: 'China already has EDA software but mainly uses it for 28 nm chip design'; restricting EDA would 'stifle their efforts to pursue the capability to manufacture high-end chips'",
            "Article fn. 76 (half of the 10 critical stages controlled by the USA); Article, section TTC: nearly 30% of ASML components from US companies; more than half of Europe's capacity makes 180 nm chips (fn. 94)",
            "BIS interim final rule of 7 Oct 2022 as summarised by Magstone Law (https://www.magstonelaw.com/news-october-7-2022): logic non-planar or 16/14 nm or less, NAND 128 layers or more, DRAM 18 nm half-pitch or less",
            "CSET Emerging Technology Observatory, Chip Explorer data (georgetown-cset/eto-chip-explorer, data/provision.csv): USA 96% of EDA software, 52% of core IP, >50% in PVD, CVD, RTP, plating, conductor etch, process control",
            "SIA/BCG (2021): US 41% of equipment value added (as reported by secondary sources, unverified; the low bound of U_adv and the high bound of U_mat)",
            "Chinese legacy-node equipment self-sufficiency 'approaching 90%' (Chinese media as reported by Chosun Biz, 17 Feb 2025)",
            "ASML Q4 2022 results (25 Jan 2023) as reported by TelecomLead: EUV system sales EUR 7.0bn, DUV EUR 7.7bn; net system sales EUR 15,430.3m (ASML US GAAP statements, SEC)",
            "Cymer (San Diego) supplies about half of the 193 nm lasers ASML needs, Gigaphoton the other half (lithoguru, 2012, dated); Bits&Chips (23 Oct 2023): US de-minimis threshold lowered to 0% for advanced DUV scanners",
            case["advanced_src"],
            case["asml_src"],
            case["w_src"],
        ],
        "indirect",
        False,
    )

    # --- China-located fabs protected by a firm-specific US waiver -------------------------
    fabs = case.get("china_fabs")
    if fabs:
        fab_m = (PHI[0] * fabs[0] / st, PHI[1] * fabs[1] / st_hi, PHI[2] * fabs[2] / st_lo)
        fab_b = (fab_m[0], fab_m[1] * WAIVER_YEARS[1] / HORIZON_YEARS, fab_m[2])
    else:
        fab_m = fab_b = (0.0, 0.0, 0.0)
    phi_txt = (
        f"phi = {PHI[0]:.2f} [{PHI[1]:.2f}, {PHI[2]:.2f}] (an even chance, without evidence, that "
        "case-by-case licensing would have denied US tools, times the US control of an advanced "
        "fab's inputs U_adv = 0.50; low = licensing friction only, BIS's 2025 policy being to "
        "license continued operation; high = full denial at the highest U_adv)"
    )
    fab_txt = (
        f"; China fabs: R = {fabs[0]:.2f} [{fabs[1]:.2f}, {fabs[2]:.2f}] $bn a year ({case['china_fabs_text']})"
        if fabs
        else "; no China-located fab of the ally's firms is protected by a US waiver"
    )

    # --- market loss m -----------------------------------------------------------------
    m_exp = sum(w[g] * case["x"][g] for g in SEGMENTS)
    m_exp_lo = 0.5 * sum(w[g] * case["x_lo"][g] for g in SEGMENTS)
    m_exp_hi = sum(w[g] * case["x_hi"][g] for g in SEGMENTS)
    m, m_lo, m_hi = m_exp + fab_m[0], m_exp_lo + fab_m[1], m_exp_hi + fab_m[2]
    out["market_loss"] = (
        m,
        m_lo,
        m_hi,
        "m = (export exposure) + (China-fab exposure). Export exposure = sum over segments of "
        "(segment share of the ally's semiconductor revenue) * (China + Hong Kong share of that "
        "segment's sales, by customer location, reference year 2022); range: low = 0.5 * exposure "
        "at the lowest observed 2020-24 share (much China-bound trade is assembly for re-export), "
        "high = exposure at the highest observed share. China-fab exposure = phi * R / W, the "
        "revenue R of the ally's firms' China-located fabs that the US controls put at risk unless "
        "a firm-specific waiver protects them, by the SAME rule and numbers as the waiver in B "
        f"(so B never pays for a loss m does not contain); {phi_txt}; range: low phi and R over the "
        f"highest stake, high over the lowest. Here: export exposure {m_exp:.3f} [{m_exp_lo:.3f}, "
        f"{m_exp_hi:.3f}] + China-fab exposure {fab_m[0]:.3f} [{fab_m[1]:.3f}, {fab_m[2]:.3f}]"
        f"{fab_txt}. Evidence: indirect (proxies for some segments' shares; phi has no evidence).",
        case["x_src"] + case.get("china_fabs_src", []) + [case["w_src"]],
        "indirect",
        False,
    )

    # --- leader values and enforcement (derived) ----------------------------------------
    lam, lam_lo, lam_hi = LAMBDA
    surplus_note = (
        " At the point estimates v2 = m = c2 (lambda = 1 and g = a), so the complex tier's joint "
        "surplus v2 - c2 = (lambda - 1) m + (g - a) is exactly 0: an agreement is a pure transfer "
        "and the tier is decided by the disagreement point (security loss, credible stranglehold) "
        "and the budget. Not a modelling choice: it is where three numbers without upper-bound "
        "evidence meet (lambda at its revealed lower bound, g and a at one shared prior); the "
        "Monte Carlo draws them independently, so the surplus takes both signs "
        "(docs/explanation/calibration.rst)."
    )
    out["leader_value_complex"] = (
        lam * m,
        lam_lo * m_lo,
        lam_hi * m_hi,
        "v2 = lambda * m: the US values a complex coalition by the China-bound supply it closes, "
        "which in ally-stake units is the ally's China exposure m (the China-fab part included: a "
        "waiver gives up closing it, so with lambda = 1 the waiver's cost to the US equals its value "
        "to the ally); lambda is the common hyper-parameter leader_scale. Range = lambda range * m "
        "range. Article: controls are ineffective without the key exporting economies. Evidence: "
        "indirect (m's evidence; lambda's low end revealed, its high end none)." + surplus_note,
        [
            "Article, section Chip 4 (text after fn. 60): controls are ineffective without the support of key exporting economies",
            "Same China-exposure evidence as market_loss",
        ],
        "indirect",
        False,
    )
    out["enforcement_value"] = (
        lam * t * m,
        lam_lo * t_lo * m_lo,
        lam_hi * t_hi * m_hi,
        "e = lambda * t * m: denying technology to a non-member destroys the share t of its industry "
        "and with it that share of its China-bound supply m; lambda as for v2. Range combines the "
        "lambda, t and m ranges. Evidence: indirect (derived).",
        ["Derived from stranglehold and market_loss evidence", "Article, section Chip 4 (fn. 61 context): allies' firms could otherwise capture the Chinese market"],
        "indirect",
        False,
    )

    # --- security stake sigma = q * C / (s * W) (derived) ------------------------------
    q_ = tuple(P_TRIGGER[k] * F_WITHDRAWN[k] for k in (0, 1, 2))
    c = case["replacement_bn"]  # (low, value, high) US$bn a year
    rc = (c[1] / (s * st), c[0] / (s * st_hi), c[2] / (s * st_lo))
    out["security_stake"] = (
        q_[0] * rc[0],
        q_[1] * rc[1],
        q_[2] * rc[2],
        "sigma = q * C / (s * W): the ally's expected loss on refusing, s * sigma = q * C / W, is the "
        "expected share q of the annual cost C of replacing US protection (hyper-parameter "
        "replacement_cost = C / (s * W), per case) that a refusal triggers (hyper-parameter "
        "abandonment_risk q, one unknown common to all allies: the leader's propensity to penalise). "
        "Range = the product of the factors' ranges. In the baseline (the model section 2) this loss "
        "is automatic; the linkage model caps it at linkage_cap. Here: s * sigma = "
        f"{q_[0] * rc[0] * s:.4f} of the stake at the ally's own s. Evidence: indirect (replacement "
        "costs from studies or policy targets, the trigger probability from a record of about 5 "
        "episodes).",
        ["Snyder (1984) World Politics 36(4): abandonment", *case["replacement_src"], "Refusal record: see hyper-parameter abandonment_risk"],
        "indirect",
        False,
    )

    # --- linkage cap X-bar ---------------------------------------------------------------
    threats = [cc.get("threat_bn") for cc in CASES.values() if cc.get("threat_bn")]
    widest = max(tb / cc["stake_bn"][1] for cc in CASES.values() if (tb := cc.get("threat_bn")))
    if case.get("threat_bn"):
        x_hi = case["threat_bn"] / st_lo
        x_txt = f"Here: high = {case['threat_text']}: {case['threat_bn']:.2f}bn / {st_lo:.1f}bn (lowest stake)."
    else:
        x_hi = widest
        x_txt = (
            "Here: no threat on record for this ally, so the high end is the widest bound of the "
            f"cases with a record ({widest:.3f}): no evidence."
        )
    assert threats
    out["linkage_cap"] = (
        0.0,
        0.0,
        x_hi,
        "X-bar, the largest security penalty the USA can credibly attach to a refused economic "
        "demand (the model section 6), in ally-stake units. Value = the largest penalty actually "
        "carried out after an ally's refusal of a US economic or technology demand = 0: in the "
        "record (AIIB 2015, Germany and South Korea over Huawei 2019, the UK over Huawei 2020, the "
        "Korean and Japanese cost-sharing disputes 2019-20, the announced Germany drawdown 2020) no "
        "security penalty was carried out; the one realised penalty found (Israel 2005) concerned "
        "defence technology. Range: low 0; high = the largest penalty THREATENED against this ally "
        "and not carried out, monetised, over its lowest stake (a threat not carried out reveals a "
        "cap below it). Consequence, stated before any claim was computed: at the point estimates "
        "the linkage model's security loss min(s * sigma, X-bar) is 0 for every ally, so dependency "
        "acts there only through the credibility of the stranglehold, kappa(s). The baseline model "
        "(the model section 2) ignores this number: it is run with X-bar = +inf. " + x_txt,
        [
            "the model section 6 (the linkage option); Fearon (1994) APSR 88(3): audience costs",
            case["threat_src"],
            "FT via bobsguide (13 Mar 2015): US rebuke of allies joining the AIIB, no penalty; Article (section 'Security Dependency...'): the Obama administration failed to prevent South Korea from joining the AIIB",
            "WSJ (11 Mar 2019): 'Drop Huawei or See Intelligence Sharing Pared Back, U.S. Tells Germany' (not carried out); Freshfields (Jul 2020): the UK's Huawei ban followed the May 2020 US foreign-direct-product rule (the technology channel)",
            "Forward (6 May 2005) and Reuters via redOrbit (6 Nov 2005): US suspension of Israel's JSF cooperation over drone upgrades for China (defence technology), lifted after an export-oversight MoU",
        ],
        case["threat_evidence"],
        False,
    )

    # --- side-payment budget -----------------------------------------------------------
    b_awards = case["awards_bn"] / (HORIZON_YEARS * st)
    b_awards_hi = (case["awards_hi_bn"] + ITSI_FUND_BN) / (HORIZON_YEARS * st_lo)
    out["side_payment_budget"] = (
        b_awards + fab_b[0],
        fab_b[1],
        b_awards_hi + fab_b[2],
        "B = (final CHIPS Act direct-funding awards to the ally's firms) / (5 years * W) + (waiver) "
        "phi * R / W. Awards are one-off, spread over the 5-year CHIPS appropriation period "
        "FY2022-26; range: low 0 (paid against milestones), high = (largest announced awards, "
        "preliminary included, + the whole $500m international fund) / (5 * lowest stake). The "
        "waiver is an annual flow: a firm-specific US export-control authorisation (validated end "
        "user) for the ally's firms' China fabs protects the revenue phi * R that m counts as at "
        f"risk, same rule and numbers as m's China-fab exposure; {phi_txt}; its low end also counts "
        f"only the {WAIVER_YEARS[1]:.2f} of 5 years it was in force (7 Oct 2022 to its revocation "
        "on 31 Dec 2025). Not monetised (no transfer found): the IBM 2 nm licence to Rapidus, "
        "regulatory convergence with the EU, avoiding a subsidy race, security guarantees. Here: "
        f"awards {case['awards_bn']:.3f}bn / (5 * {st:.1f}bn) = {b_awards:.4f}; waiver "
        f"{fab_b[0]:.4f} [{fab_b[1]:.4f}, {fab_b[2]:.4f}]{fab_txt}. Evidence: "
        + {
            "direct": "direct (no award and no waiver found; absence is the finding).",
            "indirect": "indirect (awards read; the waiver's phi has no evidence, or concessions the article names are not monetised, so B is a lower bound).",
        }[case["b_evidence"]],
        [case["awards_src"], "Article, section Chip 4 (before fn. 59): CHIPS Act allocated $500 million for collaboration with foreign governments; 'the USA made concessions to South Korea by acceding to its request not to explicitly limit chip exports to China'", *case.get("china_fabs_src", []), case["stake_src"]],
        case["b_evidence"],
        False,
    )

    # --- coercion cost kappa(s) = kappa0 + kappa1 (1 - s) -------------------------------
    if "kappa0_basis_bn" in case:
        basis, basis_txt = case["kappa0_basis_bn"], case["kappa0_basis_text"]
    else:
        basis = US_BIG3_REVENUE_BN * case["kappa0_share"]
        basis_txt = (
            f"the three large US equipment makers' 2022 revenue ${US_BIG3_REVENUE_BN:.2f}bn x their "
            f"sales share in the ally's region {case['kappa0_share']:.3f} (mean of Applied Materials' "
            "Q4 FY2022 and Lam Research's Sep-2022 quarter)"
        )
    k0 = basis / st
    out["coercion_cost_base"] = (
        k0,
        k0 * US_TOOL_GROSS_MARGIN,
        k0 + case["kappa0_addon_bn"] / st,
        "kappa0: the US cost of carrying out a technology denial against this ally = the annual "
        "sales of US suppliers to the ally's industry that the denial forgoes, over the ally's "
        "stake. Range: low = the gross profit on those sales (x 0.461, US toolmakers' gross "
        "margin); high = value + US customers' purchases from the ally's industry that a denial "
        f"would cut off. Here: {basis_txt} = ${basis:.2f}bn / {st:.1f}bn; high "
        f"{case['kappa0_addon_text']}. Evidence: indirect (Lam's and KLA's totals recalled; the "
        "high add-on partly assumed).",
        [
            "Applied Materials Q4 FY2022 release (17 Nov 2022, GlobeNewswire via EIN Presswire): FY2022 revenue $25.79bn; Q4 sales by region as reported by TelecomLead: Taiwan $2,068m, Korea $1,082m, China $1,331m, Japan $606m, US $830m, Europe $375m, SE Asia $451m",
            "Lam Research, Sep-2022 quarter (Reuters via TelecomLead, Oct 2022): China 30%, Taiwan 22%, Korea 17%, SE Asia 11%, Japan 9%, Europe 6%, US 5%; gross margin 46.1%; 2023 revenue hit from the controls $2.0-2.5bn",
            "Lam FY2022 revenue $17.23bn and KLA FY2022 revenue $9.21bn (recalled, unverified)",
            "Article, section Chip 4 (fn. 61): controls may cause a decrease of US digital companies' revenue, undermining their R&D",
            "Crosignani, Han, Macchiavelli and Silva, NY Fed Staff Report 1096 (2024): affected US suppliers lost $130bn of market value",
        ],
        "indirect",
        False,
    )
    out.update(defaults())
    out["coercion_cost_slope"] = common_estimates()["coercion_cost_slope"]
    return out


def common_estimates() -> dict:
    """The numbers shared by every case (the leader's properties): kappa1, lambda, q."""
    jp, eu = CASES["us_japan"], CASES["us_eu"]
    gap = security_dependency(jp) - security_dependency(eu)
    k1 = EU_REBALANCING_BN / eu["stake_bn"][0] / gap
    q_ = tuple(P_TRIGGER[k] * F_WITHDRAWN[k] for k in (0, 1, 2))
    return {
        "coercion_cost_slope": (
            k1,
            k1 * EU_DUTY_RATE,
            1.0,
            "kappa1: the extra cost of coercing a less dependent ally, kappa(s) = kappa0 + "
            "kappa1 (1 - s), one number for the leader (common to all allies, in each ally's stake "
            "units). Value = the realised escalation cost of the less dependent ally over the "
            "dependency gap: the EU (s = 0.623) retaliated against the 2018 US steel and aluminium "
            f"tariffs with duties on ${EU_REBALANCING_BN:.1f}bn of US goods, Japan (s = 0.985) did not "
            f"(recalled, unverified): {EU_REBALANCING_BN:.1f}bn / {eu['stake_bn'][0]:.0f}bn / "
            f"{gap:.3f}. Range: low = the duties themselves ({EU_DUTY_RATE:.0%} of the targeted "
            "trade), high = 1 (a fully independent ally costs up to one stake: no evidence; a "
            "technology denial may draw more than a steel dispute). Evidence: indirect (one episode "
            "of a different kind).",
            [
                "European Commission (20 Jun 2018) as reported by PubAffairs Bruxelles and AA: rebalancing duties on EUR 2.8bn ($3.2bn) of US products from 22 Jun 2018 (of EUR 6.4bn affected EU exports)",
                "Drezner (1998) ISQ 42(4); Gerzhoy (2015) International Security 39(4)",
            ],
            "indirect",
            True,
        ),
        "leader_scale": (
            *LAMBDA,
            "lambda: the US valuation of one unit of China's denied access, in ally-stake units, used "
            "by v2 = lambda * m and e = lambda * t * m; one number for the leader (common to all "
            "allies). Revealed lower bound: the US adopted controls that cost its own toolmakers "
            "$0.6-2.5bn each of 2023 revenue and $130bn of market value, so it values denying China at "
            "least its own closed sales: lambda >= 1 in revenue terms, >= 0.46 in gross-profit terms. "
            "Value 1 = the revenue-terms bound; range [0.5, 2]: low = the gross-profit bound, high "
            "without evidence. Evidence: indirect (lower bound revealed, upper bound none).",
            [
                "Lam Research (Reuters via TelecomLead, Oct 2022): 2023 revenue hit $2.0-2.5bn; Reuters via MarketScreener (19 Apr 2023): Lam, KLA and AMAT 2023 hits $0.6-2.5bn each",
                "Crosignani, Han, Macchiavelli and Silva, NY Fed Staff Report 1096 (2024): $130bn of market value lost by affected US suppliers",
                "Article, section Chip 4 (text after fn. 60): controls are ineffective without the support of key exporting economies",
            ],
            "indirect",
            True,
        ),
        "abandonment_risk": (
            *q_,
            "q = p * f: the expected share of the replacement cost of US protection that refusing a "
            "coalition demand triggers; one number for the leader (common to all allies). p = "
            "probability that a refusal is penalised: value (0+1)/(5+2) = 0.143 (Laplace, 0 "
            "penalties carried out in 5 episodes of allies refusing US economic or technology "
            "demands: AIIB 2015, Germany Huawei 2019, UK Huawei 2020, Korea cost-sharing 2019-20, "
            "Germany 2020), low (0+1/2)/(10+1) = 0.045 (Jeffreys, each AIIB joiner counted), high "
            "(2+1)/(7+2) = 0.333 (the announced, never begun Germany drawdown and the Israel-2005 JSF "
            "suspension counted as penalties). f = share of protection withdrawn: value and low "
            "11,900 / 36,000 (the Germany 2020 announcement), high 1. Evidence: indirect (a small "
            "record; the episodes are the linkage_cap record).",
            [
                "JCS news (29 Jul 2020) and AP (4 Feb 2021): 11,900 of ~36,000 US troops to leave Germany, never begun, frozen",
                "Yonhap (18 Jul 2020): Pentagon options to cut troops in South Korea, no decision",
                "WSJ (11 Mar 2019); FT via bobsguide (13 Mar 2015); Freshfields (Jul 2020); Forward (6 May 2005)",
            ],
            "indirect",
            True,
        ),
    }


def defaults() -> dict:
    rules = {
        "tech_gain": (
            "No evidence of the incremental gain from membership (friend-shoring, leading-edge "
            "access): one prior 0.05 [0, 0.2] in every file, a separate unknown per ally (drawn "
            "per case). The article names the gain ('full-scale foray into the markets of the USA "
            "and its allies') without a measure.",
            ["Article, section Chip 4 (text after fn. 63): Japan's accession and access to US/allied markets"],
        ),
        "autonomy_cost": (
            "No measurable indicator: one prior 0.05 [0, 0.15] in every file, a separate unknown "
            "per ally (drawn per case). The article suggests autonomy weighs more for Europe "
            "(French strategic autonomy) but gives no figure, so no case-specific value is set.",
            ["Article, section 'Security Dependency, Technological Strangleholds, ...' (fn. 43): strategic autonomy", "Morrow (1991) AJPS 35(4)"],
        ),
        "simple_cost": (
            "Cost of declarations/governance initiatives; no evidence: one prior 0.01 [0, 0.05] in "
            "every file, a separate unknown per ally (drawn per case).",
            ["Article, section 'Security Dependency, Technological Strangleholds, ...': simple coalitions centred on conceptions and governance initiatives"],
        ),
        "leader_value_simple": (
            "US value of a declaratory coalition with this ally; no evidence: one prior 0.05 "
            "[0, 0.1] in every file, a separate unknown per ally (drawn per case).",
            ["Article, Table 1 (US-led digital coalitions)"],
        ),
        "target_offer": (
            "China's offer for staying out is 0 in the baseline (the model section 2); range [0, 0] so "
            "the baseline is not varied; wedge strategies are scenarios (the model section 5). No "
            "evidence is claimed: it is a design choice.",
            ["Article, Conclusion: China's four counter-coalition options incl. a wedge strategy"],
        ),
        "ally_power": (
            "Nash bargaining weight; no evidence: symmetric prior 0.5, full range [0, 1], a separate "
            "unknown per ally (does not affect sustainability, only the split).",
            ["Nash (1950); Binmore, Rubinstein & Wolinsky (1986)"],
        ),
    }
    return {k: (*DEFAULTS[k], *rules[k], "none", False) for k in DEFAULTS}


def hyperparameters(case: dict) -> dict:
    s = security_dependency(case)
    st, st_lo, st_hi = case["stake_bn"]
    c = case["replacement_bn"]
    shared = common_estimates()
    return {
        "leader_scale": shared["leader_scale"],
        "abandonment_risk": shared["abandonment_risk"],
        "replacement_cost": (
            c[1] / (s * st),
            c[0] / (s * st_hi),
            c[2] / (s * st_lo),
            "C / (s * W): the annual cost C of replacing US protection, per unit of security "
            "dependency, in ally-stake units (a factor of security_stake). One-off costs are spread "
            f"over {HORIZON_YEARS} years like the CHIPS awards. Range: low = the revealed floor (what "
            "the ally already pays to host US forces) over the highest stake; high = the annual "
            f"reading over the lowest stake. Here: {case['replacement_text']}; C = {c[1]:.3g} "
            f"[{c[0]:.3g}, {c[2]:.3g}] $bn a year, s = {s:.3f}, W = {st:.1f} [{st_lo:.1f}, "
            f"{st_hi:.1f}]bn. Evidence: {case['replacement_evidence']} (estimates of other years or "
            "populations, one-off versus annual readings, recalled exchange rates and GDP shares).",
            [*case["replacement_src"], FX_SRC],
            case["replacement_evidence"],
            False,
        ),
    }


ORDER = list(PARAMETER_NAMES)
#: Rounding of the written numbers: ("dec", n) decimals or ("sig", n) significant digits.
DIGITS = {
    "side_payment_budget": ("dec", 4),
    "security_stake": ("sig", 4),
    "coercion_cost_slope": ("dec", 4),
    "abandonment_risk": ("dec", 4),
    "replacement_cost": ("sig", 4),
    "stake": ("dec", 1),
}

# Parameters computed from others (written as `derived = { product = [...] }`, checked by the
# loader, and recomputed from the drawn factors in the Monte Carlo) and the hyper-parameters they need.
DERIVED = {
    "security_stake": ["abandonment_risk", "replacement_cost"],
    "leader_value_complex": ["leader_scale", "market_loss"],
    "enforcement_value": ["leader_scale", "stranglehold", "market_loss"],
}


def rnd(name: str, x: float) -> float:
    kind, n = DIGITS.get(name, ("dec", 3))
    return sig(x, n) if kind == "sig" else r(x, n)


def q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _written(params: dict, hyper: dict) -> dict[str, tuple[float, float, float]]:
    """The numbers as written: free ones rounded; a derived one is the product of its factors'
    written numbers (the range the interval product), then rounded, so the file agrees with its
    own derivations to rounding whatever the digits."""
    out = {n: tuple(rnd(n, x) for x in est[:3]) for n, est in (params | hyper).items()}
    for name, factors in DERIVED.items():
        value = math.prod(out[f][0] for f in factors)
        corners = [1.0]
        for f in factors:
            corners = [c * b for c in corners for b in out[f][1:]]
        out[name] = tuple(rnd(name, x) for x in (value, min(corners), max(corners)))
    return out


def _table(name: str, est: tuple, kind: str, numbers: tuple[float, float, float]) -> list[str]:
    rule, src, evidence, common = est[3:]
    v, lo, hi = numbers
    lo, hi = min(lo, v), max(hi, v)
    lines = [f"[{kind}.{name}]", f"value = {v}", f"range = [{lo}, {hi}]"]
    if name in DERIVED:
        lines.append("derived = { product = [" + ", ".join(q(f) for f in DERIVED[name]) + "] }")
    lines.append(f"evidence = {q(evidence)}")
    if common:
        lines.append("common = true")
    lines += [f"rule = {q(rule)}", "sources = [" + ", ".join(q(x) for x in src) + "]", ""]
    return lines


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
    hyper = hyperparameters(case)
    numbers = _written(params, hyper)
    for name in ORDER:
        lines += _table(name, params[name], "parameters", numbers[name])
    st, st_lo, st_hi = case["stake_bn"]
    lines += [
        "[stake]",
        f"value = {r(st, 1)}",
        f"range = [{r(st_lo, 1)}, {r(st_hi, 1)}]",
        f"evidence = {q(case['stake_evidence'])}",
        "rule = "
        + q(
            "W: the ally's annual semiconductor-industry revenue, US$ bn (reference year 2022), "
            "the unit of every payoff of this dyad; the coalition game weighs the member by it. "
            "Evidence: indirect (approximate company sums, an annualised part-year total or "
            "exports standing for revenue; see sources)."
        ),
        "sources = [" + q(case["stake_src"]) + "]",
        "",
    ]
    for name, est in hyper.items():
        lines += _table(name, est, "hyperparameters", numbers[name])
    return "\n".join(lines)


def table(datas: dict[str, dict]) -> str:
    """The docs' value table (docs/explanation/calibration_table.inc) from the written files."""
    ids = list(datas)
    head = [
        ".. Generated by tools/derive_calibration.py from the case files; do not edit.",
        "",
        ".. list-table:: value [low, high] and evidence status (d = direct, i = indirect, "
        "n = none; C = common to all cases, drawn once per draw)",
        "   :header-rows: 1",
        "",
        "   * - parameter",
    ] + [f"     - {cid}" for cid in ids]
    body = []

    def cells(get):
        out = []
        for cid in ids:
            est = get(datas[cid])
            lo, hi = est["range"]
            tag = est["evidence"][0] + (", C" if est.get("common") else "")
            out.append(f"     - {est['value']:g} [{lo:g}, {hi:g}] ({tag})")
        return out

    for name in ORDER:
        body.append(f"   * - {name}")
        body += cells(lambda d, name=name: d["parameters"][name])
    for name in datas[ids[0]]["hyperparameters"]:
        body.append(f"   * - {name} (hyper-parameter)")
        body += cells(lambda d, name=name: d["hyperparameters"][name])
    body.append("   * - stake W (US$ bn)")
    body += cells(lambda d: d["stake"])
    old = [
        "",
        ".. list-table:: stranglehold t: the old rule (one US-control vector for every ally) beside "
        "the node-aware rule",
        "   :header-rows: 1",
        "",
        "   * - case",
        "     - old rule",
        "     - node-aware rule",
        "     - advanced-node share a of the fab segment",
    ]
    for cid in ids:
        case = CASES[cid]
        was = [sum(case["w"][g] * U_OLD[g][k] for g in SEGMENTS) for k in (0, 1, 2)]
        t = datas[cid]["parameters"]["stranglehold"]
        a = case["advanced"]
        old += [
            f"   * - {cid}",
            f"     - {r(was[0]):g} [{r(was[1]):g}, {r(was[2]):g}]",
            f"     - {t['value']:g} [{t['range'][0]:g}, {t['range'][1]:g}]",
            f"     - {r(a[0]):g} [{r(a[1]):g}, {r(a[2]):g}]",
        ]
    return "\n".join(head + body + old) + "\n"


BOUNDS01 = {"security_dependency", "stranglehold", "ally_power"}


def check(path: Path) -> dict:
    import tomllib

    from coalition_games import cases

    cases.read(path)  # the package's own validator: ranges, derivations, evidence, common
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
        assert p["rule"] and p["sources"] and p["evidence"], (path, name)
    return data


def main() -> None:
    datas = {}
    for cid, case in CASES.items():
        path = HERE / f"{cid}.toml"
        path.write_text(to_toml(cid, case, derive(case)))
        datas[cid] = check(path)
    TABLE.write_text(table(datas))
    ids = list(datas)
    print("| parameter | " + " | ".join(ids) + " |")
    print("|" + "---|" * (len(ids) + 1))
    rows = [(n, lambda d, n=n: d["parameters"][n]) for n in ORDER]
    rows += [(n, lambda d, n=n: d["hyperparameters"][n]) for n in datas[ids[0]]["hyperparameters"]]
    for name, get in rows:
        cells = []
        for cid in ids:
            est = get(datas[cid])
            lo, hi = est["range"]
            tag = est["evidence"] + (", common" if est.get("common") else "")
            cells.append(f"{est['value']:g} [{lo:g}, {hi:g}] {tag}")
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
