# Sourced by ./rgbunmix and scripts/test: finds which of the Debian packages they need are missing and
# installs them with apt-get (through sudo when not root), saying what and why. On a system without
# apt-get it names the packages and stops: nothing is skipped in silence.
#
#   need PACKAGE... -- WHY      queue packages, once each, with the reason shown before installing
#   need_jdk                    queue a JDK 17 or later when javac is missing or older
#   install_needed WHO          install what was queued, or stop with the list

needed=()
reasons=()

need() {
  local packages=() package
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do packages+=("$1"); shift; done
  shift || true
  for package in "${packages[@]}"; do
    case " ${needed[*]:-} " in *" $package "*) ;; *) needed+=("$package") ;; esac
  done
  reasons+=("${packages[*]}: $*")
}

# The build compiles for Java 17 (maven.compiler.release); any JDK from 17 on builds and runs it.
need_jdk() {
  local version=0 found="no javac found"
  if command -v javac >/dev/null 2>&1; then
    version=$(javac -version 2>&1 | sed -n 's/^javac \([0-9]*\).*/\1/p')
    found="javac ${version:-of unknown version} found"
  fi
  if [ "${version:-0}" -lt 17 ]; then
    # Debian 12 and Ubuntu 24.04 have 17; later Debian releases have only their default JDK (21)
    if command -v apt-cache >/dev/null 2>&1 && apt-cache show openjdk-17-jdk-headless >/dev/null 2>&1; then
      need openjdk-17-jdk-headless -- "a Java 17 JDK ($found) builds and runs rgbunmix"
    else
      need default-jdk-headless -- "a Java 17 or later JDK ($found) builds and runs rgbunmix"
    fi
  fi
}

install_needed() {
  local who=$1 reason
  [ ${#needed[@]} -eq 0 ] && return 0
  echo "$who: these Debian packages are missing:" >&2
  for reason in "${reasons[@]}"; do echo "  $reason" >&2; done
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "$who: this system has no apt-get. Install the equivalents of: ${needed[*]}" >&2
    echo "$who: then run this command again." >&2
    exit 1
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "$who: installing needs root, and sudo is not installed. As root, run:" >&2
      echo "  apt-get update && apt-get install -y ${needed[*]}" >&2
      exit 1
    fi
    sudo=(sudo)
  fi
  echo "$who: installing ${needed[*]} with ${sudo[*]:+sudo }apt-get" >&2
  "${sudo[@]}" apt-get update -q >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${needed[@]}" >&2
  needed=()
  reasons=()
}
