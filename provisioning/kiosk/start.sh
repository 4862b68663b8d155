#!/bin/sh
# Kiosk container entry (root): input devices, the managed browser policy, then X with our
# launcher as its only client. When the launcher exits, X and the container stop; balena restarts.
set -eu

# udev: libinput finds the touch screen (also when plugged in later).
if [ -x /lib/systemd/systemd-udevd ]; then
  /lib/systemd/systemd-udevd --daemon
  udevadm trigger --action=add || true
  udevadm settle --timeout=10 || true
fi

# Managed Chromium policy (root-owned, the browser cannot change it).
node /opt/phonghoc-kiosk/kiosk-main.js write-policy

# The profile volume belongs to the kiosk user; stale singleton locks from a previous container
# would make Chromium think another computer uses the profile.
install -d -o kiosk -g kiosk -m 700 "$KIOSK_USER_DATA_DIR"
rm -f "$KIOSK_USER_DATA_DIR"/Singleton*
rm -f /tmp/.X0-lock /tmp/.X11-unix/X0

exec xinit /opt/phonghoc-kiosk/xinitrc -- /usr/lib/xorg/Xorg :0 -nolisten tcp -nocursor vt1
