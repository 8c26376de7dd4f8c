/** A tiny line of the last months' values (nulls leave gaps); decorative — the value beside it says the number. */
export function Sparkline({
  values,
  width = 96,
  height = 24,
  color = 'currentColor',
}: {
  values: readonly (number | null)[];
  width?: number;
  height?: number;
  color?: string;
}) {
  const known = values.filter((v): v is number => v !== null);
  if (known.length < 2) return null;
  const min = Math.min(...known);
  const max = Math.max(...known);
  const span = max - min || 1;
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const points = values.map((v, i) =>
    v === null
      ? null
      : [i * step, height - 2 - ((v - min) / span) * (height - 4)].map((n) => n.toFixed(1)).join(','),
  );
  // one polyline per run of known values
  const runs: string[][] = [[]];
  for (const point of points) {
    if (point === null) runs.push([]);
    else runs.at(-1)?.push(point);
  }
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      aria-hidden="true"
      focusable="false"
    >
      {runs
        .filter((run) => run.length > 0)
        .map((run) =>
          run.length === 1 ? (
            <circle key={run[0]} cx={run[0]?.split(',')[0]} cy={run[0]?.split(',')[1]} r="1.5" fill={color} />
          ) : (
            <polyline
              key={run.join(' ')}
              points={run.join(' ')}
              fill="none"
              stroke={color}
              strokeWidth="1.5"
            />
          ),
        )}
    </svg>
  );
}
