// Packaging with electron-builder (`npm run dist`): an NSIS installer for Windows, deb and AppImage for Linux (x64 and
// arm64: UOS and Kylin run on both). After packing, before signing, the Electron binary's fuses are flipped so the
// shipped app cannot be turned into a Node.js runtime or a debugger target.
import path from 'node:path';
import { FuseV1Options, FuseVersion, flipFuses } from '@electron/fuses';

/** The fuses of the shipped binary. Embedded ASAR integrity is checked by Electron on Windows and macOS only. */
export function fuseConfig(platform) {
  return {
    version: FuseVersion.V1,
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    ...(platform === 'win32' || platform === 'darwin' ? { [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true } : {}),
  };
}

/** The Electron binary electron-builder packed for a platform. */
export function packedBinary({ appOutDir, electronPlatformName, packager }) {
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${name}.exe`);
  if (electronPlatformName === 'darwin') return path.join(appOutDir, `${name}.app`);
  return path.join(appOutDir, packager.executableName ?? name.toLowerCase());
}

/** electron-builder's afterPack hook: flips the fuses of what was just packed. */
export async function flipFusesAfterPack(context, flip = flipFuses) {
  await flip(packedBinary(context), fuseConfig(context.electronPlatformName));
}

/** The electron-builder configuration; Windows code signing only when a certificate is given in the environment. */
export function builderConfig(env = process.env) {
  const certificateFile = env.ONEVISIT_WIN_CERT_FILE?.trim();
  return {
    appId: 'cn.gov.yantai.onevisit',
    productName: 'OneVisit',
    executableName: 'onevisit',
    directories: { output: 'dist' },
    // The renderer's brotli files are for the endpoint's web host only.
    files: ['out/**', '!out/renderer/**/*.br', 'package.json'],
    asar: true,
    afterPack: flipFusesAfterPack,
    win: {
      target: [{ target: 'nsis', arch: ['x64'] }],
      ...(certificateFile
        ? { forceCodeSigning: true, signtoolOptions: { certificateFile, certificatePassword: env.ONEVISIT_WIN_CERT_PASSWORD ?? '' } }
        : {}),
    },
    nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
    linux: {
      target: [
        { target: 'deb', arch: ['x64', 'arm64'] },
        { target: 'AppImage', arch: ['x64', 'arm64'] },
      ],
      category: 'Office',
      maintainer: 'OneVisit <onevisit@localhost>',
      synopsis: '一次进门：部门联合双随机抽查',
    },
  };
}
