/**
 * Flat-style drawing layers for the sample newsroom's hero images. A scene is
 * a list of layers painted back to front on a 1600×900 canvas; each layer is a
 * function of the canvas (palette, seeded randomness, horizon) returning SVG.
 */
export const W = 1600;
export const H = 900;

export interface Palette {
  skyTop: string; skyBottom: string; sun: string;
  far: string; mid: string; near: string;
  water: string; ground: string;
  accent: string; accent2: string; ink: string; light: string;
}

export interface Canvas {
  p: Palette;
  /** Seeded from the article's slug, so every run draws the same picture. */
  rand: () => number;
  horizon: number;
  /** A fresh id for a gradient, so two layers never clash. */
  uid: (name: string) => string;
}

export type Layer = (c: Canvas) => string;

/** Template tag that rounds numbers to one decimal, keeping the SVG small. */
function svg(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  return strings.reduce((out, s, i) => {
    const v = values[i - 1];
    return out + (typeof v === 'number' ? String(Math.round(v * 10) / 10) : v) + s;
  });
}

const between = (c: Canvas, lo: number, hi: number) => lo + c.rand() * (hi - lo);
const pick = <T>(c: Canvas, items: readonly T[]): T => items[Math.floor(c.rand() * items.length)]!;
const times = (n: number, draw: (i: number) => string) => Array.from({ length: n }, (_, i) => draw(i)).join('');

/** Mixes two #rrggbb colours; t = 0 gives a, t = 1 gives b. */
export function mix(a: string, b: string, t: number): string {
  const channel = (hex: string, i: number) => parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  return '#' + [0, 1, 2].map((i) => Math.round(channel(a, i) * (1 - t) + channel(b, i) * t).toString(16).padStart(2, '0')).join('');
}

// ---------------------------------------------------------------- sky

export const sky: Layer = (c) => {
  const id = c.uid('sky');
  return svg`<defs><linearGradient id="${id}" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${c.p.skyTop}"/><stop offset="1" stop-color="${c.p.skyBottom}"/></linearGradient></defs><rect width="${W}" height="${H}" fill="url(#${id})"/>`;
};

export const sun = (o: { x?: number; y?: number; r?: number; blazing?: boolean } = {}): Layer => (c) => {
  const x = o.x ?? between(c, 1050, 1350), y = o.y ?? between(c, 140, 240), r = o.r ?? 70, id = c.uid('glow');
  const rings = o.blazing
    ? times(3, (i) => svg`<circle cx="${x}" cy="${y}" r="${r * (1.45 + i * 0.5)}" fill="none" stroke="${c.p.sun}" stroke-opacity="${0.5 - i * 0.14}" stroke-width="14"/>`)
    : '';
  return svg`<defs><radialGradient id="${id}"><stop offset="0" stop-color="${c.p.sun}" stop-opacity=".75"/><stop offset="1" stop-color="${c.p.sun}" stop-opacity="0"/></radialGradient></defs><circle cx="${x}" cy="${y}" r="${r * 3.4}" fill="url(#${id})"/>${rings}<circle cx="${x}" cy="${y}" r="${r}" fill="${c.p.sun}"/>`;
};

export const moonAndStars: Layer = (c) => {
  const stars = times(70, () => svg`<circle cx="${between(c, 0, W)}" cy="${between(c, 0, c.horizon - 120)}" r="${between(c, 1, 3)}" fill="${c.p.light}" opacity="${between(c, 0.3, 0.9)}"/>`);
  const x = between(c, 1150, 1400), y = between(c, 110, 190);
  return stars + svg`<circle cx="${x}" cy="${y}" r="46" fill="${c.p.sun}"/><circle cx="${x + 20}" cy="${y - 12}" r="42" fill="${c.p.skyTop}"/>`;
};

export const clouds = (n = 3, tone: 'light' | 'dark' = 'light'): Layer => (c) =>
  times(n, () => {
    const x = between(c, 60, 1500), y = between(c, 70, c.horizon - 240), s = between(c, 0.7, 1.4);
    const fill = tone === 'light' ? c.p.light : mix(c.p.ink, c.p.skyBottom, 0.55);
    return svg`<g transform="translate(${x} ${y}) scale(${s})" fill="${fill}" opacity="${tone === 'light' ? 0.85 : 0.7}"><ellipse cx="0" cy="22" rx="120" ry="34"/><ellipse cx="-46" cy="6" rx="56" ry="42"/><ellipse cx="28" cy="-6" rx="70" ry="56"/></g>`;
  });

export const rain = (n = 240): Layer => (c) =>
  svg`<g stroke="${c.p.light}" stroke-opacity=".45" stroke-width="3" stroke-linecap="round">` +
  times(n, () => {
    const x = between(c, -60, W + 60), y = between(c, -40, H), len = between(c, 26, 56);
    return svg`<line x1="${x}" y1="${y}" x2="${x - len * 0.3}" y2="${y + len}"/>`;
  }) + '</g>';

/** A veil thickest at the horizon: smog, dust or heat. */
export const haze = (strength = 0.55): Layer => (c) => {
  const id = c.uid('haze');
  return svg`<defs><linearGradient id="${id}" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${c.p.light}" stop-opacity="${strength * 0.3}"/><stop offset="${c.horizon / H}" stop-color="${c.p.light}" stop-opacity="${strength}"/><stop offset="1" stop-color="${c.p.light}" stop-opacity="${strength * 0.2}"/></linearGradient></defs><rect width="${W}" height="${H}" fill="url(#${id})"/>`;
};

// ---------------------------------------------------------------- land and water

export const mountains = (o: { top?: number } = {}): Layer => (c) =>
  [c.p.far, c.p.mid, c.p.near].map((fill, level) => {
    const base = (o.top ?? c.horizon - 330) + level * 95;
    let d = svg`M0 ${H} L0 ${base + between(c, 60, 140)}`;
    for (let x = 0, i = 0; x < W; i++) {
      x += between(c, 110, 240);
      d += svg` L${x} ${base + (i % 2 ? between(c, 110, 190) : between(c, 0, 50))}`;
    }
    return svg`<path d="${d} L${W} ${H}Z" fill="${fill}"/>`;
  }).join('');

/** Rolling hills; with rows, the nearer hills carry dashed rows of bushes (coffee, tea). */
export const hills = (o: { rows?: boolean } = {}): Layer => (c) =>
  ([[c.p.far, -50, 1], [c.p.mid, 70, 1.2], [c.p.near, 200, 1.45]] as const).map(([fill, lift, k], i) => {
    const cx = between(c, 250, 1350), cy = c.horizon + lift + 600, rx = 950 * k;
    const rows = o.rows && i > 0
      ? times(7, (j) => svg`<ellipse cx="${cx}" cy="${cy}" rx="${rx - 80 * (j + 1)}" ry="${600 - 80 * (j + 1)}" fill="none" stroke="${c.p.ink}" stroke-opacity=".25" stroke-width="16" stroke-dasharray="14 18" stroke-linecap="round"/>`)
      : '';
    return svg`<ellipse cx="${cx}" cy="${cy}" rx="${rx}" ry="600" fill="${fill}"/>` + rows;
  }).join('');

export const dryGround: Layer = (c) => {
  const top = c.horizon + 150;
  const cracks = times(16, () => {
    let x = between(c, 0, W), y = between(c, top + 40, H), d = svg`M${x} ${y}`;
    for (let k = 0; k < 5; k++) d += svg` L${(x += between(c, -60, 60))} ${(y += between(c, -20, 30))}`;
    return svg`<path d="${d}"/>`;
  });
  return svg`<path d="M0 ${top} Q800 ${top - 70} ${W} ${top + 10} V${H} H0Z" fill="${c.p.ground}"/><g fill="none" stroke="${c.p.ink}" stroke-opacity=".3" stroke-width="4" stroke-linejoin="round">${cracks}</g>`;
};

/** Open water from the horizon down: sea, lake or a wide river seen head-on. */
export const water: Layer = (c) =>
  svg`<rect y="${c.horizon}" width="${W}" height="${H - c.horizon}" fill="${c.p.water}"/><g stroke="${c.p.light}" stroke-opacity=".35" stroke-linecap="round">` +
  times(46, () => {
    const depth = c.rand() ** 1.5, y = c.horizon + 10 + depth * (H - c.horizon), x = between(c, -50, W), len = 20 + depth * 120;
    return svg`<line x1="${x}" y1="${y}" x2="${x + len}" y2="${y}" stroke-width="${2 + depth * 5}"/>`;
  }) + '</g>';

export const beach = (o: { umbrellas?: number; lifeguardTower?: boolean } = {}): Layer => (c) => {
  const edge = svg`M0 ${H - 230} C500 ${H - 300} 1100 ${H - 190} ${W} ${H - 270}`;
  const umbrellas = times(o.umbrellas ?? 0, () => {
    const x = between(c, 80, 1500), y = between(c, H - 150, H - 40), r = 38 + (y - (H - 150)) * 0.3;
    return svg`<line x1="${x}" y1="${y}" x2="${x}" y2="${y - r * 1.5}" stroke="${c.p.ink}" stroke-width="4"/><path d="M${x - r} ${y - r * 1.4} A${r} ${r * 0.6} 0 0 1 ${x + r} ${y - r * 1.4}Z" fill="${pick(c, [c.p.accent, c.p.accent2, c.p.light])}"/>`;
  });
  const tower = o.lifeguardTower
    ? svg`<g stroke="${c.p.ink}" stroke-width="6"><line x1="1180" y1="${H - 60}" x2="1210" y2="${H - 200}"/><line x1="1300" y1="${H - 60}" x2="1270" y2="${H - 200}"/></g><rect x="1190" y="${H - 250}" width="100" height="60" fill="${c.p.accent}"/><path d="M1175 ${H - 250} L1240 ${H - 290} L1305 ${H - 250}Z" fill="${c.p.light}"/>`
    : '';
  return svg`<path d="${edge} V${H} H0Z" fill="${c.p.ground}"/><path d="${edge}" fill="none" stroke="${c.p.light}" stroke-width="8" stroke-opacity=".8" transform="translate(0 -6)"/>` + umbrellas + tower;
};

/** Land to the horizon with a river band across it; boats float between y 620 and 770. */
export const river: Layer = (c) => {
  const top = c.horizon + 40, bottom = 790;
  const ripples = times(30, () => {
    const y = between(c, top + 15, bottom - 10), x = between(c, 0, W);
    return svg`<line x1="${x}" y1="${y}" x2="${x + 30 + (y - top) * 0.4}" y2="${y}"/>`;
  });
  return svg`<rect y="${c.horizon}" width="${W}" height="${H - c.horizon}" fill="${c.p.mid}"/>` +
    svg`<path d="M0 ${top} Q400 ${top - 18} 800 ${top + 4} T${W} ${top - 6} V${bottom + 20} Q1200 ${bottom - 10} 800 ${bottom + 8} T0 ${bottom} Z" fill="${c.p.water}"/>` +
    svg`<g stroke="${c.p.light}" stroke-opacity=".3" stroke-width="4" stroke-linecap="round">${ripples}</g>` +
    svg`<path d="M0 ${bottom} Q400 ${bottom + 18} 800 ${bottom + 8} T${W} ${bottom + 20} V${H} H0Z" fill="${c.p.near}"/>`;
};

/** Rice paddies in perspective, some flooded and reflecting the sky. */
export const fields: Layer = (c) => {
  const vx = 800, vy = c.horizon, rows = 9, cols = 16;
  const y = (i: number) => vy + (H - vy) * (i / rows) ** 1.7;
  const x = (j: number, atY: number) => vx + (-2400 + j * (6400 / cols) - vx) * (atY - vy) / (H - vy);
  let cells = '';
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const y0 = y(i), y1 = y(i + 1);
      const fill = c.rand() < 0.28 ? mix(c.p.water, c.p.skyBottom, 0.3) : pick(c, [c.p.mid, c.p.far, mix(c.p.mid, c.p.accent2, 0.25)]);
      cells += svg`<path d="M${x(j, y0)} ${y0} L${x(j + 1, y0)} ${y0} L${x(j + 1, y1)} ${y1} L${x(j, y1)} ${y1}Z" fill="${fill}" stroke="${c.p.ground}" stroke-width="${1 + i * 0.9}"/>`;
    }
  }
  return svg`<rect y="${vy}" width="${W}" height="${H - vy}" fill="${c.p.mid}"/>` + cells;
};

/** Dots of blossom over the ground below the horizon, larger nearer the viewer. */
export const flowers = (colours: 'warm' | 'pink' = 'warm'): Layer => (c) => {
  const hues = colours === 'pink' ? [c.p.accent, mix(c.p.accent, c.p.light, 0.45), c.p.light] : [c.p.accent, c.p.accent2, mix(c.p.accent, c.p.accent2, 0.5)];
  return times(900, () => {
    const depth = c.rand() ** 0.8, y = c.horizon + 90 + depth * (H - c.horizon - 60);
    return svg`<circle cx="${between(c, 0, W)}" cy="${y}" r="${2 + depth * 9}" fill="${pick(c, hues)}" opacity=".9"/>`;
  });
};

/** A road running from the viewer to the horizon, land on its left and whatever lies behind on its right. */
export const coastRoad: Layer = (c) => {
  const vx = 760, vy = c.horizon;
  const dashes = times(9, (i) => {
    const t0 = (i / 9) ** 1.8, t1 = ((i + 0.5) / 9) ** 1.8;
    return svg`<line x1="${vx + (820 - vx) * t0}" y1="${vy + (H - vy) * t0}" x2="${vx + (820 - vx) * t1}" y2="${vy + (H - vy) * t1}" stroke-width="${2 + 10 * t1}"/>`;
  });
  return svg`<path d="M0 ${vy} L${vx - 6} ${vy} L380 ${H} L0 ${H}Z" fill="${c.p.mid}"/><path d="M${vx - 6} ${vy} L${vx + 6} ${vy} L1260 ${H} L380 ${H}Z" fill="${mix(c.p.ink, c.p.ground, 0.45)}"/><g stroke="${c.p.light}" stroke-opacity=".85">${dashes}</g><line x1="${vx + 8}" y1="${vy}" x2="1300" y2="${H}" stroke="${c.p.light}" stroke-width="6"/>`;
};

/** Plain land from a line (default the horizon) to the bottom edge. */
export const ground = (o: { y?: number; tone?: 'grass' | 'earth' } = {}): Layer => (c) => {
  const y = o.y ?? c.horizon;
  return svg`<rect y="${y}" width="${W}" height="${H - y}" fill="${o.tone === 'earth' ? c.p.ground : c.p.mid}"/>`;
};

// ---------------------------------------------------------------- plants

function palm(c: Canvas, x: number, y: number, h: number): string {
  const lean = between(c, -60, 60), tx = x + lean, ty = y - h;
  const fronds = times(7, (i) => {
    const a = Math.PI * (0.05 + i * 0.15) + between(c, -0.1, 0.1), len = h * between(c, 0.4, 0.55);
    const ex = tx - Math.cos(a) * len, ey = ty - Math.sin(a) * len * 0.5 + len * 0.45;
    return svg`<path d="M${tx} ${ty} Q${(tx + ex) / 2} ${ty - len * 0.35} ${ex} ${ey}"/>`;
  });
  return svg`<path d="M${x} ${y} Q${x + lean * 0.2} ${y - h / 2} ${tx} ${ty}" fill="none" stroke="${mix(c.p.ink, c.p.ground, 0.4)}" stroke-width="${h * 0.045}" stroke-linecap="round"/><g fill="none" stroke="${c.p.near}" stroke-width="${h * 0.06}" stroke-linecap="round">${fronds}</g>`;
}

export const palms = (n = 4, o: { y?: number; from?: number; to?: number } = {}): Layer => (c) =>
  times(n, (i) => {
    const x = (o.from ?? 40) + ((o.to ?? W - 40) - (o.from ?? 40)) * (i + between(c, 0.1, 0.9)) / n;
    return palm(c, x, (o.y ?? 820) + between(c, -20, 40), between(c, 240, 360));
  });

/** A low band of small trees along the horizon. */
export const treeline: Layer = (c) =>
  svg`<g fill="${c.p.near}" opacity=".85">` + times(60, (i) => svg`<circle cx="${i * 28 + between(c, -8, 8)}" cy="${c.horizon + between(c, -4, 10)}" r="${between(c, 14, 30)}"/>`) + '</g>';

export const trees = (n = 5, o: { y?: number; size?: number } = {}): Layer => (c) =>
  times(n, (i) => {
    const x = (i + between(c, 0.15, 0.85)) * (W / n), y = (o.y ?? c.horizon + 170) + between(c, -10, 30), r = (o.size ?? 70) * between(c, 0.8, 1.2);
    return svg`<rect x="${x - r * 0.1}" y="${y - r}" width="${r * 0.2}" height="${r}" fill="${mix(c.p.ink, c.p.ground, 0.4)}"/><circle cx="${x}" cy="${y - r * 1.35}" r="${r}" fill="${pick(c, [c.p.near, c.p.mid])}"/><circle cx="${x - r * 0.55}" cy="${y - r * 1.0}" r="${r * 0.6}" fill="${c.p.near}"/>`;
  });

// ---------------------------------------------------------------- buildings

export const skyline = (o: { lit?: boolean; tower?: boolean; base?: number } = {}): Layer => (c) => {
  const base = o.base ?? c.horizon + 40;
  let out = '';
  for (let x = -20; x < W;) {
    const w = between(c, 70, 150), h = between(c, 120, 360), fill = pick(c, [c.p.mid, c.p.near, mix(c.p.mid, c.p.far, 0.5)]);
    out += svg`<rect x="${x}" y="${base - h}" width="${w}" height="${h}" fill="${fill}"/>`;
    for (let wy = base - h + 20; wy < base - 30; wy += 34) {
      for (let wx = x + 12; wx < x + w - 20; wx += 26) {
        if (o.lit) { if (c.rand() < 0.45) out += svg`<rect x="${wx}" y="${wy}" width="12" height="16" fill="${c.p.accent2}" opacity=".85"/>`; }
        else out += svg`<rect x="${wx}" y="${wy}" width="12" height="16" fill="${c.p.light}" opacity=".2"/>`;
      }
    }
    x += w + between(c, 2, 14);
  }
  const tower = o.tower
    ? svg`<path d="M1020 ${base} L1040 ${base - 520} L1080 ${base - 560} L1120 ${base - 520} L1140 ${base}Z" fill="${c.p.near}"/><line x1="1080" y1="${base - 560}" x2="1080" y2="${base - 640}" stroke="${c.p.near}" stroke-width="6"/>`
    : '';
  return tower + out;
};

export const apartments: Layer = (c) =>
  times(5, (i) => {
    const w = between(c, 200, 250), h = between(c, 380, 520), x = 60 + i * 310 + between(c, -20, 20), base = c.horizon + 200;
    const fill = pick(c, [c.p.light, mix(c.p.light, c.p.ground, 0.35), mix(c.p.light, c.p.accent2, 0.25)]);
    let windows = '';
    for (let wy = base - h + 24; wy < base - 40; wy += 40) {
      for (let wx = x + 16; wx < x + w - 30; wx += 38) windows += svg`<rect x="${wx}" y="${wy}" width="22" height="24" fill="${mix(c.p.water, c.p.ink, 0.3)}"/>`;
      windows += svg`<rect x="${x + 8}" y="${wy + 26}" width="${w - 16}" height="5" fill="${mix(fill, c.p.ink, 0.25)}"/>`;
    }
    return svg`<rect x="${x}" y="${base - h}" width="${w}" height="${h}" fill="${fill}"/>` + windows;
  });

/** Low village houses with tiled roofs; with jars, big water jars stand beside each. */
export const houses = (n = 5, o: { jars?: boolean } = {}): Layer => (c) =>
  times(n, (i) => {
    const w = between(c, 150, 200), h = between(c, 80, 110), x = (i + 0.5) * (W / n) - w / 2 + between(c, -30, 30), y = c.horizon + 170 + between(c, -10, 30);
    const wall = pick(c, [c.p.light, mix(c.p.light, c.p.accent2, 0.3), mix(c.p.light, c.p.ground, 0.4)]);
    const roof = pick(c, [c.p.accent, mix(c.p.accent, c.p.ink, 0.3), c.p.near]);
    const jar = (jx: number, s: number) => svg`<path d="M${jx - 22 * s} ${y} Q${jx - 38 * s} ${y - 40 * s} ${jx - 16 * s} ${y - 70 * s} H${jx + 16 * s} Q${jx + 38 * s} ${y - 40 * s} ${jx + 22 * s} ${y}Z" fill="${mix(c.p.ground, c.p.ink, 0.4)}"/><ellipse cx="${jx}" cy="${y - 70 * s}" rx="${18 * s}" ry="${5 * s}" fill="${c.p.ink}" opacity=".5"/>`;
    return svg`<rect x="${x}" y="${y - h}" width="${w}" height="${h}" fill="${wall}"/><path d="M${x - 18} ${y - h} L${x + w * 0.2} ${y - h - 55} L${x + w * 0.8} ${y - h - 55} L${x + w + 18} ${y - h}Z" fill="${roof}"/><rect x="${x + w * 0.4}" y="${y - h * 0.6}" width="${w * 0.2}" height="${h * 0.6}" fill="${c.p.ink}" opacity=".65"/>` +
      (o.jars ? jar(x + w * 0.15, 0.9) + jar(x + w * 0.8, 1.1) + jar(x + w + 24, 0.8) : '');
  });

/** Narrow old-town shophouses along a street, with shutters and balconies. */
export const shophouses: Layer = (c) => {
  const base = H - 150;
  let out = svg`<rect y="${base}" width="${W}" height="150" fill="${mix(c.p.ground, c.p.ink, 0.3)}"/>`;
  for (let x = -10; x < W;) {
    const w = between(c, 110, 170), h = between(c, 300, 460), fill = pick(c, [c.p.accent2, mix(c.p.accent2, c.p.light, 0.5), c.p.ground, mix(c.p.accent, c.p.light, 0.55)]);
    out += svg`<rect x="${x}" y="${base - h}" width="${w}" height="${h}" fill="${fill}"/><rect x="${x - 4}" y="${base - h - 14}" width="${w + 8}" height="18" fill="${mix(c.p.accent, c.p.ink, 0.35)}"/>`;
    for (let fy = base - h + 40; fy < base - 100; fy += 110) {
      out += svg`<rect x="${x + w * 0.2}" y="${fy}" width="${w * 0.22}" height="60" fill="${mix(c.p.mid, c.p.ink, 0.2)}"/><rect x="${x + w * 0.58}" y="${fy}" width="${w * 0.22}" height="60" fill="${mix(c.p.mid, c.p.ink, 0.2)}"/><rect x="${x + 6}" y="${fy + 66}" width="${w - 12}" height="6" fill="${c.p.ink}" opacity=".5"/>`;
    }
    out += svg`<rect x="${x + w * 0.25}" y="${base - 90}" width="${w * 0.5}" height="90" fill="${mix(c.p.ink, c.p.accent2, 0.2)}"/>`;
    x += w + 2;
  }
  return out;
};

/** A public building on a lawn: a columned hall, a school, or a hospital. */
export const building = (kind: 'hall' | 'school' | 'hospital'): Layer => (c) => {
  const base = c.horizon + 150, stone = mix(c.p.light, c.p.ground, 0.25), shade = mix(stone, c.p.ink, 0.3);
  let out = svg`<rect y="${base - 10}" width="${W}" height="${H - base + 10}" fill="${c.p.mid}"/><path d="M720 ${H} L760 ${base} L840 ${base} L880 ${H}Z" fill="${mix(c.p.ground, c.p.light, 0.4)}"/>`;
  if (kind === 'hall') {
    out += times(3, (i) => svg`<rect x="${260 - i * 30}" y="${base - 10 + i * 14}" width="${1080 + i * 60}" height="16" fill="${shade}"/>`);
    out += svg`<rect x="300" y="${base - 300}" width="1000" height="290" fill="${shade}"/>`;
    out += times(14, (i) => svg`<rect x="${322 + i * 70}" y="${base - 280}" width="28" height="270" fill="${stone}"/>`);
    out += svg`<rect x="280" y="${base - 340}" width="1040" height="60" fill="${stone}"/><rect x="260" y="${base - 356}" width="1080" height="18" fill="${shade}"/><line x1="800" y1="${base - 356}" x2="800" y2="${base - 470}" stroke="${c.p.ink}" stroke-width="5"/><rect x="800" y="${base - 470}" width="70" height="44" fill="${c.p.accent}"/>`;
  } else if (kind === 'school') {
    const wall = mix(c.p.accent2, c.p.light, 0.45);
    out += svg`<rect x="250" y="${base - 240}" width="1100" height="230" fill="${wall}"/><path d="M230 ${base - 240} L290 ${base - 290} L1310 ${base - 290} L1370 ${base - 240}Z" fill="${c.p.accent}"/><rect x="700" y="${base - 320}" width="200" height="310" fill="${wall}"/><path d="M685 ${base - 320} L800 ${base - 380} L915 ${base - 320}Z" fill="${c.p.accent}"/>`;
    for (let row = 0; row < 2; row++) out += times(16, (i) => (i === 7 || i === 8 ? '' : svg`<rect x="${282 + i * 66}" y="${base - 210 + row * 100}" width="34" height="56" fill="${mix(c.p.water, c.p.ink, 0.35)}"/>`));
    out += svg`<rect x="760" y="${base - 110}" width="80" height="100" fill="${c.p.ink}" opacity=".7"/><line x1="1450" y1="${base}" x2="1450" y2="${base - 330}" stroke="${c.p.ink}" stroke-width="5"/><rect x="1450" y="${base - 330}" width="66" height="42" fill="${c.p.accent}"/>`;
  } else {
    out += svg`<rect x="560" y="${base - 420}" width="480" height="410" fill="${stone}"/><rect x="300" y="${base - 220}" width="280" height="210" fill="${mix(stone, c.p.ink, 0.1)}"/><rect x="1020" y="${base - 220}" width="280" height="210" fill="${mix(stone, c.p.ink, 0.1)}"/>`;
    for (let wy = base - 380; wy < base - 60; wy += 56) out += times(7, (i) => svg`<rect x="${596 + i * 62}" y="${wy}" width="34" height="30" fill="${mix(c.p.water, c.p.ink, 0.3)}"/>`);
    out += svg`<rect x="740" y="${base - 500}" width="120" height="120" rx="14" fill="${c.p.mid}"/><rect x="786" y="${base - 484}" width="28" height="88" fill="${c.p.light}"/><rect x="756" y="${base - 454}" width="88" height="28" fill="${c.p.light}"/><rect x="740" y="${base - 90}" width="120" height="80" fill="${c.p.ink}" opacity=".6"/>`;
  }
  return out;
};

/** A citadel gate: stone base with three arches and a two-tier pavilion above a moat. */
export const citadelGate: Layer = (c) => {
  const base = c.horizon + 120, stone = mix(c.p.ground, c.p.ink, 0.25), roof = mix(c.p.accent2, c.p.ink, 0.2);
  const arch = (x: number, w: number, h: number) => svg`<path d="M${x} ${base} V${base - h + w / 2} A${w / 2} ${w / 2} 0 0 1 ${x + w} ${base - h + w / 2} V${base}Z" fill="${c.p.ink}"/>`;
  const tier = (y: number, half: number) => svg`<path d="M${800 - half - 50} ${y + 10} Q${800 - half} ${y} ${800 - half + 40} ${y - 40} L${800 + half - 40} ${y - 40} Q${800 + half} ${y} ${800 + half + 50} ${y + 10}Z" fill="${roof}"/>`;
  return svg`<rect y="${c.horizon}" width="${W}" height="${H - c.horizon}" fill="${c.p.near}"/><rect x="250" y="${base - 190}" width="1100" height="190" fill="${stone}"/>` +
    arch(740, 120, 150) + arch(520, 90, 120) + arch(990, 90, 120) +
    svg`<rect x="430" y="${base - 300}" width="740" height="110" fill="${mix(c.p.accent, c.p.ink, 0.3)}"/>` + times(12, (i) => svg`<rect x="${450 + i * 62}" y="${base - 300}" width="14" height="110" fill="${c.p.accent}"/>`) +
    tier(base - 300, 420) + svg`<rect x="560" y="${base - 400}" width="480" height="80" fill="${mix(c.p.accent, c.p.ink, 0.3)}"/>` + tier(base - 400, 290) +
    svg`<rect y="${base + 20}" width="${W}" height="${H - base - 20}" fill="${c.p.water}"/><rect x="250" y="${base + 20}" width="1100" height="60" fill="${stone}" opacity=".25"/>`;
};

// ---------------------------------------------------------------- structures and vehicles

export const bridge = (o: { y?: number } = {}): Layer => (c) => {
  const y = o.y ?? c.horizon + 20;
  let wave = svg`M-40 ${y}`;
  for (let x = -40; x < W; x += 260) wave += svg` Q${x + 130} ${y - 150} ${x + 260} ${y}`;
  return svg`<path d="${wave}" fill="none" stroke="${c.p.accent2}" stroke-width="16"/><rect x="0" y="${y}" width="${W}" height="20" fill="${c.p.near}"/>` +
    times(7, (i) => svg`<rect x="${180 + i * 260 - 16}" y="${y + 20}" width="32" height="90" fill="${c.p.near}"/>`);
};

export const railViaduct: Layer = (c) => {
  const y = c.horizon + 60, tx = between(c, 200, 700);
  return times(11, (i) => svg`<rect x="${i * 160 + 40}" y="${y}" width="36" height="${H - y}" fill="${mix(c.p.light, c.p.ink, 0.3)}"/>`) +
    svg`<rect x="0" y="${y - 10}" width="${W}" height="34" fill="${mix(c.p.light, c.p.ink, 0.15)}"/><rect x="${tx}" y="${y - 80}" width="660" height="70" rx="26" fill="${c.p.light}"/><rect x="${tx + 30}" y="${y - 66}" width="600" height="22" rx="6" fill="${mix(c.p.water, c.p.ink, 0.4)}"/><rect x="${tx}" y="${y - 34}" width="660" height="10" fill="${c.p.accent}"/>`;
};

type BoatKind = 'sampan' | 'fruit' | 'cargo' | 'race';

function boat(c: Canvas, kind: BoatKind, x: number, y: number, s: number): string {
  const w = kind === 'race' ? 280 : kind === 'cargo' ? 170 : 110, h = kind === 'race' ? 20 : 34;
  const hull = svg`<ellipse cx="0" cy="${h * 0.8}" rx="${w * 0.9}" ry="8" fill="${c.p.ink}" opacity=".15"/><path d="M${-w} 0 Q0 ${h * 1.6} ${w} 0 Q0 ${h * 0.5} ${-w} 0Z" fill="${kind === 'race' ? c.p.accent : mix(c.p.ink, c.p.ground, 0.35)}"/>`;
  const rower = (px: number) => svg`<circle cx="${px}" cy="-22" r="9" fill="${c.p.ink}"/><path d="M${px - 18} -24 L${px} -40 L${px + 18} -24Z" fill="${c.p.light}"/>`;
  let top = '';
  if (kind === 'sampan') top = svg`<path d="M-40 2 Q0 -52 40 2Z" fill="${c.p.ground}"/>` + rower(70);
  if (kind === 'fruit') top = times(7, (i) => svg`<circle cx="${-60 + i * 18}" cy="${-6 - (i % 2) * 12}" r="13" fill="${pick(c, [c.p.accent, c.p.accent2, c.p.mid])}"/>`) + rower(85);
  if (kind === 'cargo') top = svg`<rect x="60" y="-50" width="70" height="52" fill="${c.p.light}"/>` + times(6, (i) => svg`<rect x="${-140 + i * 32}" y="${-20 - (i % 2) * 10}" width="30" height="22" rx="6" fill="${mix(c.p.ground, c.p.light, 0.4)}"/>`);
  if (kind === 'race') top = times(12, (i) => svg`<line x1="${-220 + i * 38}" y1="-12" x2="${-240 + i * 38}" y2="22" stroke="${c.p.ink}" stroke-width="4"/><circle cx="${-220 + i * 38}" cy="-18" r="8" fill="${c.p.ink}"/>`);
  return svg`<g transform="translate(${x} ${y}) scale(${s})">${top}${hull}</g>`;
}

/** Boats on the river band, smaller further away. */
export const boats = (n: number, kind: BoatKind = 'sampan'): Layer => (c) =>
  Array.from({ length: n }, (_, i) => ({ x: (i + between(c, 0.2, 0.8)) * (W / n), y: between(c, c.horizon + 90, 760) }))
    .sort((a, b) => a.y - b.y)
    .map(({ x, y }) => boat(c, kind, x, y, 0.45 + (y - c.horizon) / 300))
    .join('');

/** A row of sluice gates across a river: piers, steel gates and a walkway. */
export const sluice: Layer = (c) => {
  const top = c.horizon - 90, bottom = c.horizon + 110, concrete = mix(c.p.light, c.p.ink, 0.2);
  return svg`<rect x="160" y="${top}" width="1280" height="36" fill="${concrete}"/>` +
    times(9, (i) => svg`<rect x="${170 + i * 155}" y="${top}" width="44" height="${bottom - top}" fill="${concrete}"/>` + (i < 8 ? svg`<rect x="${214 + i * 155}" y="${top + 70}" width="111" height="${bottom - top - 70}" fill="${mix(c.p.mid, c.p.ink, 0.35)}"/>` : '')) +
    svg`<rect x="620" y="${top - 70}" width="120" height="70" fill="${c.p.light}"/><rect x="610" y="${top - 84}" width="140" height="16" fill="${c.p.accent}"/>`;
};

export const plane: Layer = (c) => {
  const x = between(c, 560, 900), y = between(c, 190, 260);
  return svg`<line x1="${x - 900}" y1="${y + 230}" x2="${x - 160}" y2="${y + 40}" stroke="${c.p.light}" stroke-width="8" stroke-opacity=".55" stroke-linecap="round"/><g transform="translate(${x} ${y}) rotate(-14)" fill="${c.p.light}"><ellipse cx="0" cy="0" rx="170" ry="22"/><path d="M-20 0 L-90 90 L-55 90 L50 4Z"/><path d="M-20 0 L-70 -70 L-45 -70 L40 -4Z" opacity=".85"/><path d="M-150 -6 L-185 -62 L-160 -62 L-120 -8Z"/><g fill="${c.p.ink}" opacity=".4">${times(12, (i) => svg`<circle cx="${-110 + i * 18}" cy="-4" r="4"/>`)}</g></g>`;
};

export const pylons: Layer = (c) => {
  const towers = [[250, 1.2], [760, 0.9], [1150, 0.7], [1440, 0.55]] as const;
  const base = c.horizon + 140;
  const tower = ([x, s]: readonly [number, number]) => svg`<g stroke="${c.p.ink}" stroke-width="${6 * s}" fill="none"><path d="M${x - 60 * s} ${base} L${x} ${base - 420 * s} L${x + 60 * s} ${base}"/><path d="M${x - 90 * s} ${base - 330 * s} H${x + 90 * s} M${x - 70 * s} ${base - 250 * s} H${x + 70 * s} M${x - 40 * s} ${base - 120 * s} L${x + 30 * s} ${base - 220 * s} M${x + 40 * s} ${base - 120 * s} L${x - 30 * s} ${base - 220 * s}"/></g>`;
  const wires = towers.slice(1).map(([x, s], i) => {
    const [px, ps] = towers[i]!;
    return [-90, 90].map((dx) => svg`<path d="M${px + dx * ps} ${base - 330 * ps} Q${(px + x) / 2} ${base - 300 * (s + ps) / 2 + 40} ${x + dx * s} ${base - 330 * s}" fill="none" stroke="${c.p.ink}" stroke-width="2" opacity=".6"/>`).join('');
  }).join('');
  return svg`<rect y="${c.horizon}" width="${W}" height="${H - c.horizon}" fill="${c.p.mid}"/>` + towers.map(tower).join('') + wires;
};

export const solarPanels: Layer = (c) =>
  times(4, (row) => times(7, (i) => {
    const y = H - 300 + row * 70, x = 60 + i * 220 + row * 30, panel = mix(c.p.water, c.p.ink, 0.5);
    return svg`<path d="M${x} ${y} L${x + 190} ${y} L${x + 170} ${y + 52} L${x - 20} ${y + 52}Z" fill="${panel}" stroke="${c.p.light}" stroke-opacity=".5" stroke-width="2"/><line x1="${x + 85}" y1="${y}" x2="${x + 75}" y2="${y + 52}" stroke="${c.p.light}" stroke-opacity=".4" stroke-width="2"/>`;
  }));

export const crane: Layer = (c) => {
  const base = c.horizon + 160, steel = c.p.accent2;
  const frame = times(5, (i) => svg`<line x1="${360 + i * 110}" y1="${base}" x2="${360 + i * 110}" y2="${base - 300}"/>`) + times(5, (i) => svg`<line x1="360" y1="${base - 60 - i * 60}" x2="800" y2="${base - 60 - i * 60}"/>`);
  return svg`<rect y="${base}" width="${W}" height="${H - base}" fill="${c.p.ground}"/><g stroke="${mix(c.p.light, c.p.ink, 0.3)}" stroke-width="12">${frame}</g>` +
    svg`<g stroke="${steel}" stroke-width="8" fill="none"><path d="M1060 ${base} V180 M1100 ${base} V180"/><path d="M1060 ${base} ${times(12, (i) => svg`L${i % 2 ? 1060 : 1100} ${base - (i + 1) * ((base - 180) / 12)} `)}"/><path d="M620 180 H1400 M620 210 H1400"/><path d="M1080 180 L1080 110 L700 180 M1080 110 L1400 180"/></g><rect x="1300" y="205" width="90" height="50" fill="${c.p.ink}"/><line x1="760" y1="210" x2="760" y2="420" stroke="${c.p.ink}" stroke-width="3"/><rect x="700" y="420" width="120" height="16" fill="${c.p.ink}"/>`;
};

export const market = (o: { qr?: boolean } = {}): Layer => (c) => {
  const base = H - 170;
  let out = svg`<rect y="${c.horizon - 120}" width="${W}" height="${H}" fill="${mix(c.p.ground, c.p.light, 0.3)}"/><rect y="${base + 60}" width="${W}" height="${H}" fill="${mix(c.p.ground, c.p.ink, 0.25)}"/>`;
  for (let i = 0; i < 5; i++) {
    const x = 30 + i * 316, stripe = [c.p.accent, c.p.accent2, c.p.mid][i % 3]!;
    out += svg`<rect x="${x + 10}" y="${base - 330}" width="10" height="390" fill="${c.p.ink}"/><rect x="${x + 270}" y="${base - 330}" width="10" height="390" fill="${c.p.ink}"/>`;
    out += times(6, (k) => svg`<path d="M${x + k * 48} ${base - 360} L${x + (k + 1) * 48} ${base - 360} L${x + (k + 1) * 48 + 6} ${base - 280} L${x + k * 48 + 6} ${base - 280}Z" fill="${k % 2 ? c.p.light : stripe}"/>`);
    out += svg`<rect x="${x}" y="${base}" width="290" height="60" fill="${mix(c.p.ground, c.p.ink, 0.1)}"/>`;
    out += times(3, (k) => svg`<ellipse cx="${x + 55 + k * 90}" cy="${base}" rx="42" ry="12" fill="${c.p.ink}" opacity=".5"/>` + times(5, (j) => svg`<circle cx="${x + 30 + k * 90 + j * 12}" cy="${base - 12 - (j % 2) * 12}" r="14" fill="${pick(c, [c.p.accent, c.p.accent2, c.p.mid, c.p.near])}"/>`));
    if (o.qr) {
      out += svg`<rect x="${x + 200}" y="${base - 150}" width="70" height="84" fill="${c.p.light}"/>`;
      for (let q = 0; q < 36; q++) if (c.rand() < 0.5 || q === 0 || q === 5 || q === 30) out += svg`<rect x="${x + 208 + (q % 6) * 9}" y="${base - 142 + Math.floor(q / 6) * 9}" width="9" height="9" fill="${c.p.ink}"/>`;
    }
  }
  return out;
};

// ---------------------------------------------------------------- technology

export const circuit: Layer = (c) => {
  let traces = '';
  for (let i = 0; i < 46; i++) {
    let x = Math.round(between(c, 0, W) / 40) * 40, y = Math.round(between(c, 0, H) / 40) * 40;
    let d = svg`M${x} ${y}`;
    for (let k = 0; k < 4; k++) {
      if (k % 2) y += Math.round(between(c, -4, 4)) * 40; else x += Math.round(between(c, -6, 6)) * 40;
      d += svg` L${x} ${y}`;
    }
    traces += svg`<path d="${d}"/><circle cx="${x}" cy="${y}" r="8" fill="${c.p.skyBottom}"/>`;
  }
  return svg`<g fill="none" stroke="${c.p.accent}" stroke-opacity=".45" stroke-width="5" stroke-linejoin="round">${traces}</g>`;
};

export const emblem = (kind: 'chip' | 'shield' | 'padlock'): Layer => (c) => {
  const fill = mix(c.p.skyTop, c.p.ink, 0.3);
  if (kind === 'chip') {
    const pins = times(7, (i) => svg`<rect x="${662 + i * 44}" y="270" width="14" height="40" fill="${c.p.accent2}"/><rect x="${662 + i * 44}" y="590" width="14" height="40" fill="${c.p.accent2}"/><rect x="500" y="${312 + i * 44}" width="40" height="14" fill="${c.p.accent2}"/><rect x="1060" y="${312 + i * 44}" width="40" height="14" fill="${c.p.accent2}"/>`);
    return pins + svg`<rect x="540" y="310" width="520" height="280" rx="24" fill="${fill}" stroke="${c.p.accent}" stroke-width="6"/><rect x="680" y="370" width="240" height="160" rx="10" fill="none" stroke="${c.p.accent2}" stroke-width="5"/>`;
  }
  if (kind === 'shield') {
    return svg`<path d="M800 190 L1010 270 V450 Q1010 640 800 730 Q590 640 590 450 V270Z" fill="${fill}" stroke="${c.p.accent}" stroke-width="10"/><circle cx="800" cy="390" r="44" fill="${c.p.accent2}"/><path d="M720 560 Q720 460 800 460 Q880 460 880 560Z" fill="${c.p.accent2}"/>`;
  }
  return svg`<path d="M680 420 V330 A120 120 0 0 1 920 330 V420" fill="none" stroke="${c.p.light}" stroke-width="40"/><rect x="620" y="410" width="360" height="290" rx="30" fill="${fill}" stroke="${c.p.accent}" stroke-width="10"/><circle cx="800" cy="530" r="34" fill="${c.p.accent2}"/><rect x="786" y="540" width="28" height="80" fill="${c.p.accent2}"/>`;
};

/** A sound wave drawn as bars, as a recording app shows it. */
export const waveform: Layer = (c) => {
  const phase = between(c, 0, 6);
  return svg`<line x1="60" y1="450" x2="1540" y2="450" stroke="${c.p.light}" stroke-opacity=".3" stroke-width="3"/>` +
    times(87, (i) => {
      const t = i / 86, env = Math.sin(Math.PI * t) ** 0.7;
      const h = 30 + env * 300 * Math.abs(0.6 * Math.sin(t * 17 + phase) + 0.4 * Math.sin(t * 43)) * between(c, 0.7, 1);
      return svg`<rect x="${70 + i * 17}" y="${450 - h}" width="10" height="${2 * h}" rx="5" fill="${mix(c.p.accent, c.p.accent2, t)}"/>`;
    });
};

// ---------------------------------------------------------------- festivals

/** Strings of round lanterns hung across the top of the picture. */
export const lanterns = (strings = 2): Layer => (c) =>
  times(strings, (row) => {
    const y0 = 60 + row * 150, sag = 70, s = 0.8 + row * 0.4, step = 170 * s;
    let out = svg`<path d="M-20 ${y0} Q800 ${y0 + 2 * sag} ${W + 20} ${y0}" fill="none" stroke="${c.p.ink}" stroke-width="3"/>`;
    for (let x = between(c, 20, step); x < W; x += step) {
      const t = x / W, y = y0 + 2 * sag * 2 * t * (1 - t) + 40 * s, colour = pick(c, [c.p.accent, c.p.accent2, mix(c.p.accent, c.p.accent2, 0.5)]);
      out += svg`<circle cx="${x}" cy="${y}" r="${70 * s}" fill="${colour}" opacity=".16"/><line x1="${x}" y1="${y - 60 * s}" x2="${x}" y2="${y + 50 * s}" stroke="${c.p.ink}" stroke-width="2"/><ellipse cx="${x}" cy="${y}" rx="${30 * s}" ry="${38 * s}" fill="${colour}"/><rect x="${x - 12 * s}" y="${y - 42 * s}" width="${24 * s}" height="${8 * s}" fill="${c.p.ink}"/><rect x="${x - 12 * s}" y="${y + 34 * s}" width="${24 * s}" height="${8 * s}" fill="${c.p.ink}"/>`;
    }
    return out;
  });

export const fireworks = (n = 5): Layer => (c) =>
  times(n, () => {
    const x = between(c, 150, 1450), y = between(c, 110, c.horizon - 200), r = between(c, 80, 150), colour = pick(c, [c.p.accent, c.p.accent2, c.p.light]);
    return svg`<g stroke="${colour}" stroke-width="4" stroke-linecap="round" fill="${colour}">` + times(26, (k) => {
      const a = (k / 26) * Math.PI * 2;
      return svg`<line x1="${x + Math.cos(a) * r * 0.3}" y1="${y + Math.sin(a) * r * 0.3}" x2="${x + Math.cos(a) * r * 0.9}" y2="${y + Math.sin(a) * r * 0.9}" opacity=".8"/><circle cx="${x + Math.cos(a) * r}" cy="${y + Math.sin(a) * r}" r="4" stroke="none"/>`;
    }) + '</g>';
  });

/** A theatre stage: curtains, spotlights and two costumed performers in silhouette. */
export const stage: Layer = (c) => {
  const floor = 700;
  const curtain = (x0: number, dir: number) => times(7, (i) => svg`<rect x="${x0 + dir * i * 40 - (dir < 0 ? 40 : 0)}" y="0" width="40" height="${floor + 20 - i * 30}" fill="${i % 2 ? c.p.mid : c.p.far}"/>`);
  const performer = (x: number, robe: string, lean: number) => svg`<path d="M${x - 70} ${floor} L${x + lean} ${floor - 230} L${x + 70} ${floor}Z" fill="${robe}"/><circle cx="${x + lean}" cy="${floor - 255}" r="30" fill="${c.p.ink}"/><path d="M${x + lean - 40} ${floor - 270} Q${x + lean} ${floor - 350} ${x + lean + 40} ${floor - 270}Z" fill="${c.p.accent}"/>`;
  return svg`<rect width="${W}" height="${H}" fill="${c.p.near}"/><path d="M0 ${floor} H${W} V${H} H0Z" fill="${c.p.ground}"/>` +
    times(6, (i) => svg`<line x1="0" y1="${floor + 20 + i * 34}" x2="${W}" y2="${floor + 20 + i * 34}" stroke="${c.p.ink}" stroke-opacity=".25" stroke-width="3"/>`) +
    svg`<path d="M420 0 L560 0 L900 ${floor + 40} L520 ${floor + 40}Z" fill="${c.p.light}" opacity=".14"/><path d="M1040 0 L1180 0 L1100 ${floor + 40} L740 ${floor + 40}Z" fill="${c.p.light}" opacity=".14"/>` +
    performer(680, c.p.accent2, -10) + performer(930, mix(c.p.accent2, c.p.light, 0.5), 14) +
    curtain(0, 1) + curtain(W, -1) + svg`<rect width="${W}" height="70" fill="${c.p.far}"/>` + times(20, (i) => svg`<circle cx="${i * 84 + 42}" cy="70" r="42" fill="${c.p.far}"/>`);
};
