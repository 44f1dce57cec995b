// The throughput chart, written as SVG by hand: one group of horizontal bars per corpus, one bar per
// library, on a log scale (the libraries differ by two orders of magnitude). It plots the headline
// figure, fresh-text count throughput, or the repeated-text figure for a run without fresh text.

export const COLORS = {
  tokmeter: '#d9480f',
  tiktoken: '#1c7ed6',
  'js-tiktoken': '#868e96',
  'gpt-tokenizer': '#37b24d',
  'ai-tokenizer': '#ae3ec9',
};

const escapeXml = (text) => String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
export const formatRate = (v) => (!Number.isFinite(v) ? '–' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

export function renderChart(results) {
  const libs = results.libraries.filter((l) => l.available);
  const corpora = results.corpora;
  const freshRan = Object.keys(results.fresh ?? {}).length > 0;
  const cells = freshRan ? results.fresh : results.throughput.count;
  const what = freshRan ? 'Fresh-text count throughput' : 'Repeated-text (cache-warm) count throughput';
  const samples = freshRan ? `median of ${results.meta.settings.freshRuns} fresh processes` : `median of ${results.meta.settings.rounds} interleaved rounds`;
  const values = corpora.flatMap((c) => libs.map((l) => cells[c.name]?.[l.name]?.median)).filter((v) => Number.isFinite(v) && v > 0);
  const lo = Math.pow(10, Math.floor(Math.log10(Math.min(...values))));
  const hi = Math.pow(10, Math.ceil(Math.log10(Math.max(...values))));

  const left = 150, right = 70, top = 56, bar = 14, gap = 3, groupGap = 18, width = 860;
  const plotWidth = width - left - right;
  const groupHeight = libs.length * (bar + gap) - gap;
  const legendHeight = 28;
  const height = top + corpora.length * (groupHeight + groupGap) + legendHeight + 24;
  const x = (v) => left + (plotWidth * Math.log10(v / lo)) / Math.log10(hi / lo);

  const out = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">`);
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="${left}" y="22" font-size="15" font-weight="600">${what}, o200k_base — MB/s, log scale (higher is better)</text>`);
  out.push(`<text x="${left}" y="40" fill="#555">${escapeXml(`${results.meta.cpu}, ${results.meta.cores} cores, Node ${results.meta.node}, ${results.meta.date.slice(0, 10)}; ${samples}`)}</text>`);

  const plotBottom = top + corpora.length * (groupHeight + groupGap) - groupGap;
  for (let tick = lo; tick <= hi * 1.0001; tick *= 10) {
    const tx = x(tick);
    out.push(`<line x1="${tx.toFixed(1)}" y1="${top - 6}" x2="${tx.toFixed(1)}" y2="${plotBottom + 4}" stroke="#dee2e6"/>`);
    out.push(`<text x="${tx.toFixed(1)}" y="${plotBottom + 18}" text-anchor="middle" fill="#555">${tick >= 1 ? tick : tick.toPrecision(1)}</text>`);
  }

  corpora.forEach((corpus, ci) => {
    const gy = top + ci * (groupHeight + groupGap);
    out.push(`<text x="${left - 10}" y="${gy + groupHeight / 2 + 4}" text-anchor="end" font-weight="600">${escapeXml(corpus.name)}</text>`);
    libs.forEach((lib, li) => {
      const v = cells[corpus.name]?.[lib.name]?.median;
      const y = gy + li * (bar + gap);
      if (!Number.isFinite(v) || v <= 0) {
        out.push(`<text x="${left + 4}" y="${y + bar - 3}" fill="#c92a2a">${escapeXml(lib.label)}: not measured</text>`);
        return;
      }
      const w = Math.max(1, x(v) - left);
      out.push(`<rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${bar}" fill="${COLORS[lib.name] ?? '#495057'}"><title>${escapeXml(`${lib.label} on ${corpus.name}: ${formatRate(v)} MB/s`)}</title></rect>`);
      out.push(`<text x="${(left + w + 4).toFixed(1)}" y="${y + bar - 3}" fill="#212529">${formatRate(v)}</text>`);
    });
  });

  const ly = plotBottom + 40;
  let lx = left;
  for (const lib of libs) {
    out.push(`<rect x="${lx}" y="${ly - 10}" width="12" height="12" fill="${COLORS[lib.name] ?? '#495057'}"/>`);
    out.push(`<text x="${lx + 16}" y="${ly}">${escapeXml(lib.label)}</text>`);
    lx += 22 + lib.label.length * 7.2;
  }
  const missing = results.libraries.filter((l) => !l.available);
  if (missing.length > 0) out.push(`<text x="${lx + 10}" y="${ly}" fill="#c92a2a">${escapeXml(`not measured: ${missing.map((l) => l.label).join(', ')}`)}</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}
