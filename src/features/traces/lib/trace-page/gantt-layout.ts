/** localStorage keys of the sizes the user gave the trace page's name column and span detail. */
export const NAME_WIDTH_KEY = 'tracelens.gantt.name-width'
export const DETAIL_WIDTH_KEY = 'tracelens.trace.detail-width'
