import type { FuseConfig } from '@electron/fuses';

export interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}
export function fuseConfig(platform: string): FuseConfig;
export function packedBinary(context: PackContext): string;
export function flipFusesAfterPack(context: PackContext, flip?: (binary: string, config: FuseConfig) => Promise<unknown>): Promise<void>;
export function builderConfig(env?: Record<string, string | undefined>): Record<string, unknown> & {
  afterPack: typeof flipFusesAfterPack;
  win: Record<string, unknown>;
  linux: { target: { target: string; arch: string[] }[] };
};
