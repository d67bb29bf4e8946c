/**
 * Tracking pixels out: 1×1 images and images from reader-counting hosts (predicates.ts says
 * which). They carry no content, so no safety valve applies.
 */
import type { Document } from './dom.js';
import { elementsNamed, remove } from './dom.js';
import { isPixelTracker, isTrackerImage } from './predicates.js';

export function removeTrackers(root: Document, fired: Set<string>): void {
  for (const img of elementsNamed(root, 'img')) {
    if (!isPixelTracker(img) && !isTrackerImage(img)) continue;
    remove(img);
    fired.add('pixel-tracker');
  }
}
