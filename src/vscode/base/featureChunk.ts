/**
 * What `dist/extension-features.js` holds: everything of the extension that needs the YAML library
 * or zod — the located manifest parser, the manifest text index of the language features, the edit
 * engine behind the write actions and the manifest proposal behind Create Manifest…. The extension
 * loads it on first use (lazyFeatures.ts): a window whose manifest is in the parse cache
 * (model/parseCache.ts) and has no ops.yaml open never reads or evaluates it. Plain data in and out.
 */
export { parseManifest } from '../../core/manifest/manifestParser';
export { idAt, indexManifestText, isPlainId } from '../../core/language/manifestSymbols';
export { localTimeText } from '../../core/edit/editTime';
export { runManifestAction } from '../../core/edit/manifestActions';
export { proposalInputs, proposeManifest } from '../../core/adopt/propose';
export { renderProposal } from '../../core/adopt/renderProposal';
