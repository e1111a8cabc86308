"""The article's application: the claims C1–C10 computed from the calibrated cases, their Monte
Carlo shares, the figures and the written outputs (:func:`reproduce`)."""

from .claims import CLAIMS, Claim, DrawWorld, PointWorld
from .report import DEFAULT_SEED, ClaimResult, ModelRun, Reproduction, reproduce
from .worlds import DEFAULT_CASES, MODEL_NAMES, MODELS, apply_model

__all__ = [
    "CLAIMS",
    "DEFAULT_CASES",
    "DEFAULT_SEED",
    "MODELS",
    "MODEL_NAMES",
    "Claim",
    "ClaimResult",
    "DrawWorld",
    "ModelRun",
    "PointWorld",
    "Reproduction",
    "apply_model",
    "reproduce",
]
