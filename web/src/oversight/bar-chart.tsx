import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

// Only what bar charts need: Chart.js is tree-shaken into the oversight chunk alone.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const COLORS = ['#1d5c8c', '#2e8540', '#b5482b', '#6b4c9a', '#a77b00'];

export interface Series {
  label: string;
  values: (number | null)[];
}

/**
 * A bar chart on a canvas (no inline style or script: it runs under the service's CSP). The canvas is an image
 * with a label; the same figures are in the table under the charts, for screen readers and for copying.
 */
export function BarChart({ title, labels, series }: { title: string; labels: string[]; series: Series[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const key = JSON.stringify([labels, series]);
  useEffect(() => {
    const chart = new Chart(canvas.current!, {
      type: 'bar',
      data: {
        labels,
        datasets: series.map((s, i) => ({
          label: s.label,
          data: s.values,
          backgroundColor: COLORS[i % COLORS.length],
        })),
      },
      options: { animation: false, responsive: true, scales: { y: { beginAtZero: true } } },
    });
    return () => chart.destroy();
  }, [key]);
  const description = series
    .map((s) => `${s.label}: ${labels.map((label, i) => `${label} ${s.values[i] ?? '–'}`).join(', ')}`)
    .join('; ');
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <canvas ref={canvas} role="img" aria-label={`${title}. ${description}`} data-testid="chart" />
    </figure>
  );
}
