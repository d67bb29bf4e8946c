export { cleanHtml, type CleanOptions, type CleanResult } from './clean.js';
export { cleanRuleSpecs, compileCleanRules, DEFAULT_RULE_SPECS, DEFAULT_RULES, type CleanRule, type CleanRuleSpec, type CleanRules } from './rules.js';
export { SAFETY_VALVE } from './boilerplate.js';
export { VIDEO_EMBEDS } from './iframes.js';
export { htmlText, summaryText, SUMMARY_SOURCE_CHARS } from './summary.js';
export { articleImages, localizeImages } from './images.js';
