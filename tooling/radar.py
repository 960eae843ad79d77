"""Radar geometry in pure Python: sectors (quadrants) around, rings from the centre outwards."""

import math
from dataclasses import dataclass, field

from tooling.models.vocabulary import RING_ORDER, Ring

SIZE = 480
CENTRE = SIZE // 2  # integers: templates would localise floats as "240,0"
# Outer radius of each ring, Adopter in the middle; inner rings are wider as they matter most.
RING_RADII = [80, 135, 180, 220]
BLIP_RADIUS = 9
LABEL_MARGIN = 90  # room left and right of the circle for sector labels


@dataclass
class Blip:
    tool: object
    ring: str
    url: str
    is_new: bool = False
    has_moved: bool = False
    disagreement: bool = False
    number: int = 0
    x: float = 0.0
    y: float = 0.0

    @property
    def ring_label(self):
        return Ring(self.ring).label

    @property
    def marker(self):
        """Shape as well as colour tells new and moved blips apart (not colour alone)."""
        if self.is_new:
            return "new"
        return "moved" if self.has_moved else "steady"

    @property
    def triangle_points(self):
        r = BLIP_RADIUS + 1
        corners = [(self.x, self.y - r), (self.x - r, self.y + r * 0.8), (self.x + r, self.y + r * 0.8)]
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in corners)

    @property
    def square_origin(self):
        return self.x - BLIP_RADIUS, self.y - BLIP_RADIUS


@dataclass
class Sector:
    label: str
    blips: list = field(default_factory=list)
    start: float = 0.0  # radians, clockwise from 12 o'clock
    end: float = 0.0
    label_x: float = 0.0
    label_y: float = 0.0
    label_anchor: str = "middle"
    edge_x: float = 0.0
    edge_y: float = 0.0


@dataclass
class Radar:
    sectors: list
    size: int = SIZE
    centre: float = CENTRE
    blip_radius: int = BLIP_RADIUS
    margin: int = LABEL_MARGIN

    @property
    def view_box(self):
        return f"{-self.margin} 0 {self.size + 2 * self.margin} {self.size}"

    @property
    def width(self):
        return self.size + 2 * self.margin

    @property
    def rings(self):
        return [
            {"ring": ring, "label": ring.label, "radius": radius, "label_y": CENTRE - radius + 14}
            for ring, radius in zip(RING_ORDER, RING_RADII, strict=True)
        ][::-1]  # outermost first, so inner circles are drawn on top

    @property
    def blips(self):
        return [blip for sector in self.sectors for blip in sector.blips]


def point(angle, radius):
    return CENTRE + radius * math.sin(angle), CENTRE - radius * math.cos(angle)


def layout(sectors):
    """Give each sector its angle and each blip its place and number; returns the Radar."""
    sectors = [sector for sector in sectors if sector.blips] or sectors
    span = 2 * math.pi / max(len(sectors), 1)
    number = 0
    for index, sector in enumerate(sectors):
        sector.start, sector.end = index * span, (index + 1) * span
        sector.edge_x, sector.edge_y = point(sector.start, RING_RADII[-1])
        sector.label_x, sector.label_y = point(sector.start + span / 2, RING_RADII[-1] + 12)
        if abs(sector.label_x - CENTRE) > 20:  # beside the circle: grow away from it
            sector.label_anchor = "start" if sector.label_x > CENTRE else "end"
        sector.blips.sort(key=lambda blip: (RING_ORDER.index(blip.ring), blip.tool.title.lower()))
        for ring_index, ring in enumerate(RING_ORDER):
            cell = [blip for blip in sector.blips if blip.ring == ring]
            inner = RING_RADII[ring_index - 1] if ring_index else 0
            width = RING_RADII[ring_index] - inner
            for position, blip in enumerate(cell):
                angle = sector.start + span * (position + 1) / (len(cell) + 1)
                depth = 0.35 if position % 2 else 0.65
                blip.x, blip.y = point(angle, inner + width * depth)
        for blip in sector.blips:
            number += 1
            blip.number = number
    return Radar(sectors=sectors)
