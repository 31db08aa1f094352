export const modelVersion = 'reco-2026-11';
