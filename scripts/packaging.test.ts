import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { builderConfig, flipFusesAfterPack, fuseConfig } from './packaging.mjs';

describe('packaging', () => {
  it('builds an NSIS installer for Windows and deb and AppImage for Linux on x64 and arm64, from the ASAR', () => {
    const config = builderConfig({});
    expect(config).toMatchObject({ asar: true, files: ['out/**', '!out/renderer/**/*.br', 'package.json'], afterPack: flipFusesAfterPack });
    expect(config.win).toEqual({ target: [{ target: 'nsis', arch: ['x64'] }] });
    expect(config.linux.target).toEqual([
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64', 'arm64'] },
    ]);
  });

  it('signs the Windows build only when a certificate is given, and then insists on it', () => {
    const config = builderConfig({ ONEVISIT_WIN_CERT_FILE: 'C:\\certs\\unit.pfx', ONEVISIT_WIN_CERT_PASSWORD: 'secret' });
    expect(config.win).toMatchObject({
      forceCodeSigning: true,
      signtoolOptions: { certificateFile: 'C:\\certs\\unit.pfx', certificatePassword: 'secret' },
    });
    expect(builderConfig({ ONEVISIT_WIN_CERT_FILE: '  ' }).win).not.toHaveProperty('signtoolOptions');
  });
});

describe('fuses', () => {
  it('turn off Node.js, NODE_OPTIONS and inspect arguments, turn on cookie encryption and ASAR-only loading', () => {
    for (const platform of ['win32', 'linux']) {
      expect(fuseConfig(platform)).toMatchObject({
        version: FuseVersion.V1,
        [FuseV1Options.RunAsNode]: false,
        [FuseV1Options.EnableCookieEncryption]: true,
        [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
        [FuseV1Options.EnableNodeCliInspectArguments]: false,
        [FuseV1Options.OnlyLoadAppFromAsar]: true,
        [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
      });
    }
  });

  it('validate the embedded ASAR integrity where Electron supports it (Windows), not on Linux', () => {
    expect(fuseConfig('win32')[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(fuseConfig('linux')).not.toHaveProperty(String(FuseV1Options.EnableEmbeddedAsarIntegrityValidation));
  });

  it.each([
    ['win32', 'C:\\out\\win-unpacked', 'C:\\out\\win-unpacked/OneVisit.exe'],
    ['linux', '/out/linux-arm64-unpacked', '/out/linux-arm64-unpacked/onevisit'],
  ])('are flipped on the packed %s binary after packing', async (platform, appOutDir, binary) => {
    const flipped: [string, unknown][] = [];
    await flipFusesAfterPack(
      { appOutDir, electronPlatformName: platform, packager: { appInfo: { productFilename: 'OneVisit' }, executableName: 'onevisit' } },
      async (path, config) => flipped.push([path, config]),
    );
    expect(flipped).toEqual([[expect.stringMatching(binary.split(/[\\/]/).at(-1)!), fuseConfig(platform)]]);
    expect(flipped[0]![0].startsWith(appOutDir)).toBe(true);
  });
});
