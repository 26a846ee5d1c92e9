// Draws the network case's time against concurrency as a small SVG line
// chart: the exporter's wall time, the bare baseline's and the ideal time,
// on a log2 x axis.

const WIDTH = 560;
const HEIGHT = 340;
const MARGIN = { top: 40, right: 150, bottom: 50, left: 60 };

function escapeXml(text) {
  return String(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

/** Returns a round axis step for values up to `max`. */
function niceStep(max) {
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  for (const factor of [1, 2, 5, 10]) {
    if (factor * power >= rough) return factor * power;
  }
  return 10 * power;
}

/**
 * Returns the SVG text. `points` are
 * `{ concurrency, seconds, baselineSeconds, idealSeconds }` sorted by
 * concurrency; `title` is printed above the plot.
 */
export function concurrencyChart(points, title) {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const levels = points.map((point) => Math.log2(point.concurrency));
  const minLevel = Math.min(...levels);
  const maxLevel = Math.max(...levels);
  const maxSeconds = Math.max(
    ...points.flatMap((point) => [
      point.seconds,
      point.baselineSeconds,
      point.idealSeconds,
    ]),
  );
  const step = niceStep(maxSeconds);
  const top = Math.ceil(maxSeconds / step) * step;
  const x = (concurrency) =>
    MARGIN.left +
    (maxLevel === minLevel
      ? plotWidth / 2
      : ((Math.log2(concurrency) - minLevel) / (maxLevel - minLevel)) *
        plotWidth);
  const y = (seconds) => MARGIN.top + plotHeight - (seconds / top) * plotHeight;
  const line = (key) =>
    points
      .map(
        (point) =>
          `${x(point.concurrency).toFixed(1)},${y(point[key]).toFixed(1)}`,
      )
      .join(' ');

  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${MARGIN.left}" y="22" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
  ];
  for (let value = 0; value <= top + step / 2; value += step) {
    const lineY = y(value).toFixed(1);
    parts.push(
      `<line x1="${MARGIN.left}" y1="${lineY}" x2="${MARGIN.left + plotWidth}" y2="${lineY}" stroke="#e0e0e0"/>`,
      `<text x="${MARGIN.left - 8}" y="${lineY}" text-anchor="end" dominant-baseline="middle">${Number(value.toFixed(3))}</text>`,
    );
  }
  for (const point of points) {
    const tickX = x(point.concurrency).toFixed(1);
    parts.push(
      `<text x="${tickX}" y="${MARGIN.top + plotHeight + 18}" text-anchor="middle">${point.concurrency}</text>`,
    );
  }
  parts.push(
    `<line x1="${MARGIN.left}" y1="${MARGIN.top + plotHeight}" x2="${MARGIN.left + plotWidth}" y2="${MARGIN.top + plotHeight}" stroke="#333"/>`,
    `<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${MARGIN.top + plotHeight}" stroke="#333"/>`,
    `<text x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 10}" text-anchor="middle">concurrency (pages in flight, one session each)</text>`,
    `<text transform="translate(16 ${MARGIN.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">wall time (s)</text>`,
    `<polyline points="${line('idealSeconds')}" fill="none" stroke="#999" stroke-width="2" stroke-dasharray="6 4"/>`,
    `<polyline points="${line('baselineSeconds')}" fill="none" stroke="#d97706" stroke-width="2"/>`,
    `<polyline points="${line('seconds')}" fill="none" stroke="#1f6feb" stroke-width="2.5"/>`,
  );
  for (const point of points) {
    parts.push(
      `<circle cx="${x(point.concurrency).toFixed(1)}" cy="${y(point.seconds).toFixed(1)}" r="3.5" fill="#1f6feb"/>`,
    );
  }
  const legendX = MARGIN.left + plotWidth + 16;
  parts.push(
    `<line x1="${legendX}" y1="${MARGIN.top + 10}" x2="${legendX + 24}" y2="${MARGIN.top + 10}" stroke="#1f6feb" stroke-width="2.5"/>`,
    `<text x="${legendX + 30}" y="${MARGIN.top + 10}" dominant-baseline="middle">exporter</text>`,
    `<line x1="${legendX}" y1="${MARGIN.top + 30}" x2="${legendX + 24}" y2="${MARGIN.top + 30}" stroke="#999" stroke-width="2" stroke-dasharray="6 4"/>`,
    `<text x="${legendX + 30}" y="${MARGIN.top + 30}" dominant-baseline="middle">ideal</text>`,
    `<line x1="${legendX}" y1="${MARGIN.top + 50}" x2="${legendX + 24}" y2="${MARGIN.top + 50}" stroke="#d97706" stroke-width="2"/>`,
    `<text x="${legendX + 30}" y="${MARGIN.top + 50}" dominant-baseline="middle">bare baseline</text>`,
    '</svg>',
  );
  return `${parts.join('\n')}\n`;
}
