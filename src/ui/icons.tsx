/** Small inline SVG icons for the controls (symbol fonts are not everywhere; these always render). */
const common = {
  width: 18,
  height: 18,
  viewBox: '0 0 24 24',
  fill: 'currentColor',
  'aria-hidden': true,
  focusable: false,
} as const;

export const PlayIcon = () => (
  <svg {...common}>
    <path d="M7 4.5v15l13-7.5z" />
  </svg>
);
export const PauseIcon = () => (
  <svg {...common}>
    <path d="M6 4h4.5v16H6zM13.5 4H18v16h-4.5z" />
  </svg>
);
export const StepIcon = () => (
  <svg {...common}>
    <path d="M5 4.5v15l10-7.5zM16.5 4.5H20v15h-3.5z" />
  </svg>
);
export const StepBackIcon = () => (
  <svg {...common}>
    <path d="M19 4.5v15L9 12zM4 4.5h3.5v15H4z" />
  </svg>
);
export const ForkIcon = () => (
  <svg {...common} fill="none" stroke="currentColor" strokeWidth={2.2} strokeLinecap="round">
    <circle cx="6" cy="5" r="2.2" />
    <circle cx="6" cy="19" r="2.2" />
    <circle cx="18" cy="7" r="2.2" />
    <path d="M6 7.2v9.6M18 9.2c0 5-12 3-12 7.6" />
  </svg>
);
