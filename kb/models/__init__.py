from .audience import PublishedAudience
from .pages import CooperativePage, HomePage, NetworkPage, RegionPage
from .profiles import MemberProfile
from .taxonomy import Skill

__all__ = [
    "CooperativePage",
    "HomePage",
    "MemberProfile",
    "NetworkPage",
    "PublishedAudience",
    "RegionPage",
    "Skill",
]
