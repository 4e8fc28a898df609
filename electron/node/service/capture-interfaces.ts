/** The helper's interface list as the toolbar's picker shows it: names, addresses, up/down. */
import type { CaptureInterface } from '../../common/ipc/payload-schemas';
import type { InterfaceInfo } from '../capture/list-interfaces';

export function captureInterfaceOf(info: InterfaceInfo): CaptureInterface {
  return {
    name: info.name,
    description: info.description,
    // IP addresses only: link-layer addresses would crowd the picker.
    addresses: info.addresses
      .filter((address) => address.family === 'inet' || address.family === 'inet6')
      .map((address) => address.address),
    up: info.up,
    running: info.running,
    loopback: info.loopback,
  };
}
