# A cups-pdf printer for the desktop tests (sourced by smoke.sh). The machine's own CUPS is
# used; it is started here when it is not running, as on a fresh CI machine without systemd.

# Where cups-pdf writes a job of the current user (`Out ${HOME}/PDF` in cups-pdf.conf, the
# user's home from passwd, not $HOME) or of an anonymous one.
cups_pdf_out_dirs() {
  local home
  home=$(getent passwd "$(id -un)" | cut -d: -f6)
  echo "$home/PDF"
  echo /var/spool/cups-pdf/ANONYMOUS
}

# cups_pdf_queue NAME: makes sure CUPS runs and has a cups-pdf queue NAME that accepts jobs.
cups_pdf_queue() {
  local name=$1 ppd=/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd
  command -v lpadmin >/dev/null && command -v lpstat >/dev/null || return 1
  [[ -x /usr/lib/cups/backend/cups-pdf && -f $ppd ]] || return 1
  if ! lpstat -r 2>/dev/null | grep -q 'is running'; then
    [[ $(id -u) == 0 ]] || return 1
    /usr/sbin/cupsd || return 1
    for ((i = 0; i < 50; i++)); do
      lpstat -r 2>/dev/null | grep -q 'is running' && break
      sleep 0.1
    done
  fi
  lpstat -p "$name" >/dev/null 2>&1 ||
    lpadmin -p "$name" -v cups-pdf:/ -E -P "$ppd" 2>/dev/null || return 1
  cupsenable "$name" 2>/dev/null || true
  cupsaccept "$name" 2>/dev/null || true
  lpstat -p "$name" >/dev/null 2>&1
}
