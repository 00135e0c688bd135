#!/usr/bin/env bash
# Checks the dependency rule of docs/ARCHITECTURE.md on every #include under src/ of a source tree. Changes nothing.
#
#   usage: check-layers.sh ROOT QTWIDGETS_INCLUDE_DIR
#
# The layers, lowest first: core; sandbox (and receiver); gui and cli, side by side; app. A file includes headers
# of its own layer or of a lower one, never of a higher one or of its sibling. A project header is known by its
# file name (every header under src/ has its own); ui_<Form>.h, made from ui/<Form>.ui, belongs to gui. Besides:
# - Qt Widgets headers (those in QTWIDGETS_INCLUDE_DIR) only in gui and app;
# - no file in src/gui or src/cli includes DailyClient.h, DailyCall.h, AuditLog.h or SecretStore.h: the front
#   ends reach Daily, the audit log and the keychain through core's WebhookOperations (and AuditHistory to read).
# Exit status: 0 when every include follows the rule, 1 when some do not (each is listed), 2 on a setup error.
set -euo pipefail

fail_setup() {
    echo "check-layers: $*" >&2
    exit 2
}

[ $# -eq 2 ] || fail_setup "usage: check-layers.sh ROOT QTWIDGETS_INCLUDE_DIR"
root=$1
widgets_dir=$2
[ -d "$root/src/core" ] || fail_setup "'$root' has no src/core"
[ -f "$widgets_dir/QWidget" ] || fail_setup "'$widgets_dir' is not Qt's QtWidgets include directory (no QWidget)"
cd "$root"

declare -A rank=([core]=0 [sandbox]=1 [receiver]=1 [gui]=2 [cli]=2 [app]=3)
declare -A front_end_banned=([DailyClient.h]=1 [DailyCall.h]=1 [AuditLog.h]=1 [SecretStore.h]=1)

# Header file name -> the layer it belongs to.
declare -A layer_of
while IFS= read -r -d '' header; do
    layer=${header#src/}
    layer=${layer%%/*}
    name=${header##*/}
    if [ -n "${layer_of[$name]:-}" ] && [ "${layer_of[$name]}" != "$layer" ]; then
        fail_setup "two headers are named $name (src/${layer_of[$name]} and src/$layer); give each its own name"
    fi
    layer_of[$name]=$layer
done < <(find src -type f -name '*.h' -print0)

problems=()
checked=0
while IFS= read -r -d '' file; do
    layer=${file#src/}
    layer=${layer%%/*}
    [ -n "${rank[$layer]:-}" ] || fail_setup "$file is in src/$layer, which has no place in the layers; add it here"
    checked=$((checked + 1))
    line_no=0
    while IFS= read -r line || [ -n "$line" ]; do
        line_no=$((line_no + 1))
        [[ $line =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*[\<\"]([^\>\"]+)[\>\"] ]] || continue
        included=${BASH_REMATCH[1]}
        name=${included##*/}
        where="$file:$line_no: includes $included"

        if [[ $name == ui_*.h ]]; then
            target=gui
        else
            target=${layer_of[$name]:-}
        fi
        if [ -n "$target" ] && [ "$target" != "$layer" ]; then
            if [ "${rank[$target]}" -gt "${rank[$layer]}" ]; then
                problems+=("$where, a header of src/$target, above src/$layer")
            elif [ "${rank[$target]}" -eq "${rank[$layer]}" ]; then
                problems+=("$where, a header of src/$target, a sibling of src/$layer")
            fi
        fi

        if [ "$layer" != gui ] && [ "$layer" != app ]; then
            if [[ $included == QtWidgets || $included == QtWidgets/* ]] \
                || { [ -z "${layer_of[$name]:-}" ] && [ -f "$widgets_dir/$included" ]; }; then
                problems+=("$where, a Qt Widgets header: widgets belong in src/gui")
            fi
        fi

        if { [ "$layer" = gui ] || [ "$layer" = cli ]; } && [ -n "${front_end_banned[$name]:-}" ]; then
            problems+=("$where: a front end goes through WebhookOperations, never to $name itself")
        fi
    done <"$file"
done < <(find src -type f \( -name '*.h' -o -name '*.cpp' \) -print0 | sort -z)

if [ ${#problems[@]} -gt 0 ]; then
    echo "check-layers: ${#problems[@]} includes break the dependency rule (docs/ARCHITECTURE.md):"
    printf '  %s\n' "${problems[@]}"
    exit 1
fi
echo "$checked files follow the dependency rule"
