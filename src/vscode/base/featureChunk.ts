/**
 * What `dist/extension-features.js` holds: the manifest edit engine behind the write actions and
 * the manifest proposal behind Create Manifest…. The extension loads it on the first use of one of
 * them (lazyFeatures.ts), so activation neither reads nor evaluates it. Plain data in and out.
 */
export { localTimeText } from '../../core/edit/editTime';
export { runManifestAction } from '../../core/edit/manifestActions';
export { proposalInputs, proposeManifest } from '../../core/adopt/propose';
export { renderProposal } from '../../core/adopt/renderProposal';
