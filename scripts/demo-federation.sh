#!/usr/bin/env bash
# `make demo-federation`: two Liaison nodes on this machine, paired, with a scripted exchange to watch.
#   VN-MPS on http://127.0.0.1:8000 (var/federation/vn-mps), KR-KNPA on http://127.0.0.1:8001 (var/federation/kr-knpa).
# Each node has its own database, key directory and demo data — `liaison demo` loads the demo of the node's home
# agency: the MPS's whole demo on VN-MPS, the KNPA's own records (in Korean) on KR-KNPA; the logins are printed
# when the demo data is loaded.
# The exchange: VN-MPS shares an active notice with KNPA and asks KNPA to trace the person (a fugitive case); KNPA
# accepts the request; KNPA shares its notice about 박태윤 with the MPS and corrects it (the copy on VN-MPS
# follows). Watch it on both sides: Administration → Federation, the Notices and Fugitive cases pages.
# Ctrl-C stops both nodes. Run it again to start them again (the data is kept; `rm -rf var/federation` starts over).
# VN_PORT, KR_PORT and FEDERATION_DIR change the ports and the folder.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
VN_PORT=${VN_PORT:-8000}
KR_PORT=${KR_PORT:-8001}
DIR=${FEDERATION_DIR:-var/federation}
export PYTHONPATH="$PWD/src${PYTHONPATH:+:$PYTHONPATH}"
export LIAISON_DEV=1 LIAISON_DEBUG=1 LIAISON_INSECURE_HTTP=1 LIAISON_FEDERATION_RETRY_SECONDS=${LIAISON_FEDERATION_RETRY_SECONDS:-5}

node() {  # node CODE PORT COMMAND...: run a liaison command on that node
  local code=$1 port=$2; shift 2
  local var
  var=$(realpath -m "$DIR/${code,,}")
  mkdir -p "$var"
  LIAISON_VAR_DIR="$var" LIAISON_DATABASE_URL="sqlite:///$var/liaison.sqlite3" LIAISON_HOME_AGENCY="$code" \
    "$BIN/python" -m liaison.cli "$@"
}

fresh=0
[ -f "$DIR/vn-mps/liaison.sqlite3" ] || fresh=1
for spec in "VN-MPS $VN_PORT" "KR-KNPA $KR_PORT"; do
  set -- $spec
  node "$1" "$2" migrate --no-input -v0
  if [ "$fresh" = 1 ]; then
    echo "== demo data of the node $1 (the logins are shown once)"
    node "$1" "$2" demo
    node "$1" "$2" node init --url "http://127.0.0.1:$2"
  fi
done
if [ "$fresh" = 1 ]; then
  echo "== pairing: each administrator checks the other's fingerprint (here: read from the card command)"
  fp_vn=$(node VN-MPS "$VN_PORT" node card -o "$DIR/vn-mps.card.json" | tail -n1)
  fp_kr=$(node KR-KNPA "$KR_PORT" node card -o "$DIR/kr-knpa.card.json" | tail -n1)
  node VN-MPS "$VN_PORT" node pair "$DIR/kr-knpa.card.json" --fingerprint "$fp_kr"
  node KR-KNPA "$KR_PORT" node pair "$DIR/vn-mps.card.json" --fingerprint "$fp_vn"
fi

node VN-MPS "$VN_PORT" serve "127.0.0.1:$VN_PORT" > "$DIR/vn-mps/serve.log" 2>&1 &
vn=$!
node KR-KNPA "$KR_PORT" serve "127.0.0.1:$KR_PORT" > "$DIR/kr-knpa/serve.log" 2>&1 &
kr=$!
trap 'kill $vn $kr 2>/dev/null; wait $vn $kr 2>/dev/null; echo; echo "Both nodes stopped."' EXIT INT TERM
sleep 5

if [ "$fresh" = 1 ]; then
  echo "== VN-MPS shares a notice with KNPA and asks KNPA to trace the person"
  node VN-MPS "$VN_PORT" shell -c '
from liaison.agencies.models import Agency, User
from liaison.core import context
from liaison.desk.actions import do_create_case, do_share_notice
from liaison.desk.models import Notice
officer = User.objects.get(username="officer.vn-mps")
knpa = Agency.objects.get(code="KR-KNPA")
notice = Notice.objects.filter(owner=officer.agency, status="active", kind="wanted").order_by("pk").first()
with context.channel(context.CHANNEL_CLI):
    do_share_notice(notice, knpa, handling_code="H2", tlp="AMBER", actor=officer)
    case = do_create_case({"person": notice.person, "notice": notice, "partner": knpa, "direction": "outgoing",
                           "summary": "Believed to have left for Busan."}, actor=officer, note="Please trace.")
print(f"   shared {notice} and opened {case.reference}")
'
  sleep 8
  echo "== KNPA accepts the request on its node"
  node KR-KNPA "$KR_PORT" shell -c '
from liaison.agencies.models import User
from liaison.core import context
from liaison.desk.actions import do_transition_case
from liaison.desk.models import FugitiveCase
officer = User.objects.get(username="officer.kr-knpa")
case = FugitiveCase.objects.filter(owner=officer.agency, direction="incoming").exclude(partner_reference="").order_by("-pk").first()
if case is None:
    print("   the request has not arrived yet: see Administration → Federation on both nodes")
else:
    with context.channel(context.CHANNEL_CLI):
        do_transition_case(case, "accepted", note="Accepted; tracing in Busan.", actor=officer)
    print(f"   {case.reference} (their {case.partner_reference}) accepted")
'
  echo "== KNPA shares its notice about 박태윤 with the MPS, then corrects it (the update travels too)"
  node KR-KNPA "$KR_PORT" shell -c '
from liaison.agencies.models import Agency, User
from liaison.core import context
from liaison.desk.actions import do_share_notice, do_update_notice
from liaison.desk.models import Notice
officer = User.objects.get(username="officer.kr-knpa")
mps = Agency.objects.get(code="VN-MPS")
notice = Notice.objects.filter(owner=officer.agency, reference="DEMO-KR-2024-0311").first()
if notice is None or notice.status != "active":
    print("   no active KNPA notice DEMO-KR-2024-0311 on this node (was the demo loaded with LIAISON_HOME_AGENCY=KR-KNPA?)")
else:
    with context.channel(context.CHANNEL_CLI):
        do_share_notice(notice, mps, handling_code="H1", tlp="AMBER", actor=officer)
        do_update_notice(notice, {"summary": notice.summary + " 2025년 11월 호찌민시 1군에서 목격됨."}, actor=officer)
    print(f"   shared {notice} with VN-MPS and updated its summary")
'
fi
echo
echo "VN-MPS: http://127.0.0.1:$VN_PORT    KR-KNPA: http://127.0.0.1:$KR_PORT    (Ctrl-C stops both)"
wait
