/**
 * Pure geometry for document layout: points, axis-aligned boxes, polygons, angles and rotation into an upright
 * frame, IoU and overlaps, 1-D clustering, gap finding, XY-cut and a stable reading-order sort. Free functions
 * over readonly plain data; no I/O. Coordinates are `y`-down; angles are degrees, positive clockwise on screen.
 *
 * @module
 */
export * from './axisOverlap.js';
export * from './Box.js';
export * from './boxDistance.js';
export * from './boxIntersection.js';
export * from './boxIou.js';
export * from './boxUnion.js';
export * from './clusterIntervals.js';
export * from './clusterValues.js';
export * from './decomposeAngleDeg.js';
export * from './dominantTextAngle.js';
export * from './estimateAspectRatio.js';
export * from './findGaps.js';
export * from './Interval.js';
export * from './normalizeAngleDeg.js';
export * from './Point.js';
export * from './Polygon.js';
export * from './polygonTextAngleDeg.js';
export * from './rotatePoint.js';
export * from './sortReadingOrder.js';
export * from './UprightFrame.js';
export * from './xyCut.js';
