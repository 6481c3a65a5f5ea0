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
export const LinkIcon = () => (
  <svg {...common} fill="none" stroke="currentColor" strokeWidth={2.2} strokeLinecap="round">
    <path d="M10 14a4.5 4.5 0 0 0 6.4 0l3-3a4.5 4.5 0 0 0-6.4-6.4l-1.2 1.2" />
    <path d="M14 10a4.5 4.5 0 0 0-6.4 0l-3 3a4.5 4.5 0 0 0 6.4 6.4l1.2-1.2" />
  </svg>
);
export const LessonIcon = () => (
  <svg {...common}>
    <path d="M12 3 1 8.5 12 14l9-4.5V16h2V8.5zM5 12.2V16c0 1.7 3.1 3.5 7 3.5s7-1.8 7-3.5v-3.8l-7 3.5z" />
  </svg>
);
export const ListIcon = () => (
  <svg {...common}>
    <path d="M3 5h3v3H3zM8 5.5h13v2H8zM3 10.5h3v3H3zM8 11h13v2H8zM3 16h3v3H3zM8 16.5h13v2H8z" />
  </svg>
);
export const ScreenIcon = () => (
  <svg {...common} fill="none" stroke="currentColor" strokeWidth={2} strokeLinejoin="round">
    <rect x="2.5" y="4" width="19" height="12.5" rx="1.5" />
    <path d="M12 16.5V20M8 20.5h8" strokeLinecap="round" />
  </svg>
);
