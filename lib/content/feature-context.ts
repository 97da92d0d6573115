// What a content feature gets from the entrypoint: WXT's context, reduced to what features use.
export interface FeatureContext {
  /** The content script was invalidated (extension updated or reloaded): undo everything. */
  onInvalidated(callback: () => void): void;
}
