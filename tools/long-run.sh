#!/usr/bin/env bash
# Long training runs that outlive their process and their machine (docs/TRAINING.md, "Long runs").
# Run directories live outside the checkout, under $FGL_RUNS (default: the checkout's parent's
# runs/, i.e. /work/runs here). What a fresh machine needs to resume an unfinished run is kept in
# the repository under resume/GROUP/RUN/: config.json, metrics.jsonl, state.json, the epoch
# checkpoints the run keeps (last two epochs, best epoch's model), best.safetensors, the command
# that trains it, and `builds`: from which epoch on which commit's code trains it ("EPOCH COMMIT"
# lines, the last one current), so a fresh machine resumes on the same arithmetic, not on
# whatever the checkout holds by then.
#
#   tools/long-run.sh start GROUP/RUN -- fgl-args...   start (or resume) a run in the background;
#                                                       its log is $FGL_RUNS/GROUP/RUN.log
#   tools/long-run.sh save                              copy every unfinished run's resume files
#                                                       into resume/ (then commit resume/)
#   tools/long-run.sh restore                           on a fresh machine: copy resume/ back out
#   tools/long-run.sh resume GROUP/RUN                  restore, then start with the saved command
#   tools/long-run.sh status                            epochs done per run, and their commits
#   tools/long-run.sh rebuild GROUP/RUN                 train the run's next epochs on this
#                                                       checkout's HEAD (after a change meant for it)
#   tools/long-run.sh finish GROUP/RUN                  drop a finished run from resume/
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${FGL_RUNS:-$(dirname "$repo")/runs}"
store="$repo/resume"

die() { echo "long-run: $*" >&2; exit 2; }
# The commit a run trains on: the last line of its builds file ("EPOCH COMMIT": from epoch EPOCH+1 on).
run_commit() { if [ -f "$1/builds" ]; then tail -n 1 "$1/builds" | cut -d' ' -f2; fi; }
head_commit() {
  git -C "$repo" diff --quiet HEAD -- ':!resume' ':!docs' || die "the checkout has uncommitted changes: commit them first, so the run's code can be rebuilt"
  git -C "$repo" rev-parse HEAD
}
jar_of() { echo "$runs/fgl-$(echo "$1" | cut -c1-12).jar"; }
build_jar() {  # build_jar COMMIT: fgl.jar of that commit, beside the runs (a checkout's rebuild does not touch it)
  local commit="$1" jar tree
  jar=$(jar_of "$commit")
  [ -f "$jar" ] && return
  tree=$(mktemp -d)
  echo "long-run: building fgl.jar of $commit"
  git -C "$repo" worktree add -q --detach "$tree" "$commit"
  (cd "$tree" && mvn -q -B -DskipTests -pl examples -am package) && cp "$tree/examples/target/fgl.jar" "$jar.tmp" && mv "$jar.tmp" "$jar"
  git -C "$repo" worktree remove --force "$tree"
  [ -f "$jar" ] || die "could not build fgl.jar of $commit"
}
epochs_done() { sed -n 's/.*"epochs_done": *\([0-9]*\).*/\1/p' "$1/state.json" 2>/dev/null || true; }

copy_run() {  # copy_run FROM TO: the files a resume needs, nothing else
  local from="$1" to="$2" f
  mkdir -p "$to"
  [ -f "$from/state.json" ] || { cp "$from/config.json" "$to/"; return; }
  # The epoch files the run keeps: the last two committed epochs (the older is the fallback
  # should the newer be damaged) and the best epoch's model; older ones are gone from $from.
  local epochs
  epochs=$(cd "$from" && find . -maxdepth 1 -name 'epoch-*.safetensors' -printf '%f\n' | sort)
  for f in "$to"/epoch-*.safetensors; do
    if [ -e "$f" ] && [ ! -e "$from/$(basename "$f")" ]; then rm -f "$f"; fi
  done
  # shellcheck disable=SC2086
  for f in config.json metrics.jsonl best.safetensors teacher-logits.key $epochs state.json command builds; do
    if [ -f "$from/$f" ]; then cp "$from/$f" "$to/$f.tmp" && mv "$to/$f.tmp" "$to/$f"; fi
  done
}

launch() {  # launch GROUP/RUN: run its saved command in the background, on its commit's jar
  local run="$1" dir="$runs/$1" commit jar
  [ -f "$dir/command" ] || die "no saved command for $run ($dir/command)"
  commit=$(run_commit "$dir")
  [ -n "$commit" ] || die "$run has no builds file: say which commit trains it (tools/long-run.sh rebuild $run)"
  build_jar "$commit"
  jar=$(jar_of "$commit")
  local java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
  # The saved command holds the fgl arguments only; where the run lives is added here, so a
  # restored run resumes under whatever $FGL_RUNS is on this machine. Detached from this shell's
  # stdin too, or the caller waits on the training process.
  # shellcheck disable=SC2046
  (cd "$runs" && setsid nohup "$java_bin" --add-modules jdk.incubator.vector -jar "$jar" $(cat "$dir/command") \
      --runs "$runs/$(dirname "$run")" --name "$(basename "$run")" --resume < /dev/null >> "$runs/$run.log" 2>&1 &)
  echo "long-run: started $run on $commit; log $runs/$run.log"
}

case "${1:-}" in
  start)
    run="${2:?GROUP/RUN}"; shift 2; [ "${1:-}" = "--" ] && shift
    [ $# -gt 0 ] || die "start $run: give the fgl arguments after --"
    mkdir -p "$runs/$run"
    echo "$*" > "$runs/$run/command"
    echo "0 $(head_commit)" > "$runs/$run/builds"
    launch "$run" ;;
  rebuild)
    run="${2:?GROUP/RUN}"; dir="$runs/$run"
    [ -f "$dir/command" ] || die "no run $run under $runs"
    if pgrep -f -- "--name $(basename "$run") --resume" > /dev/null; then die "$run is training: stop it at an epoch's end first"; fi
    commit=$(head_commit)
    echo "$(epochs_done "$dir" | sed 's/^$/0/') $commit" >> "$dir/builds"
    echo "long-run: $run trains from epoch $(( $(epochs_done "$dir" | sed 's/^$/0/') + 1 )) on $commit; start it with: tools/long-run.sh resume $run" ;;
  save)
    for d in "$runs"/*/*/; do
      d="${d%/}"; [ -f "$d/command" ] || continue
      run="${d#"$runs"/}"
      if [ -f "$d/test.json" ]; then echo "long-run: $run finished (test.json); not saved"; continue; fi
      copy_run "$d" "$store/$run"
      echo "long-run: saved $run after epoch $(epochs_done "$d")"
    done ;;
  restore)
    [ -d "$store" ] || die "nothing to restore: no $store"
    for d in "$store"/*/*/; do
      d="${d%/}"; run="${d#"$store"/}"
      have=$(epochs_done "$runs/$run"); saved=$(epochs_done "$d")
      if [ -n "$have" ] && [ "${have:-0}" -ge "${saved:-0}" ]; then
        echo "long-run: $run is at epoch $have here (saved: ${saved:-0}); kept"; continue; fi
      copy_run "$d" "$runs/$run"
      echo "long-run: restored $run at epoch ${saved:-0}"
    done ;;
  resume)
    run="${2:?GROUP/RUN}"; "$0" restore; launch "$run" ;;
  status)
    for d in "$runs"/*/*/; do
      d="${d%/}"; [ -f "$d/config.json" ] || continue
      echo "${d#"$runs"/}: epochs done $(epochs_done "$d")$([ -f "$d/test.json" ] && echo ', tested'), on $(run_commit "$d")"
    done ;;
  finish)
    run="${2:?GROUP/RUN}"; rm -rf "${store:?}/$run"; echo "long-run: $run removed from resume/ (commit it)" ;;
  *) sed -n '2,20p' "$0" >&2; exit 2 ;;
esac
