"""torchshape as a Bazel aspect, in the style of the clang-tidy aspects.

Every C++ source of every cc_library, cc_binary and cc_test is analysed with
its own target's flags (the C++ toolchain's, then the target's defines,
include paths and copts), one action per source, and the findings of a
target are gathered into one report, `<target>.torchshape.txt`, in the
output group `torchshape_report`.  The actions declare all their inputs
(the source, the headers the target can see, the torchshape tool), so they
run under sandboxing, remote execution and the action cache unchanged.

    bazel build //... \\
      --aspects=//tools/bazel:torchshape.bzl%torchshape_aspect \\
      --output_groups=torchshape_report
    # a finding fails the build (the analyses come from the cache):
    #   --define=torchshape_fail_on_findings=1

The torchshape binary is the label flag //tools/bazel:torchshape (default:
`torchshape` from the action's PATH).  LibTorch comes from the system
headers, as the compile commands of the targets say (copts = ["-isystem",
...] or a cc_library with includes).
"""

load("@bazel_tools//tools/cpp:toolchain_utils.bzl", "find_cpp_toolchain")

_SOURCE_EXTENSIONS = ["c", "cc", "cpp", "cxx", "c++", "C"]

# Flags of GCC toolchains that Clang refuses.
_CLANG_REFUSES = ["-fno-canonical-system-headers", "-fstack-usage"]

def _toolchain_flags(ctx):
    cc_toolchain = find_cpp_toolchain(ctx)
    features = cc_common.configure_features(
        ctx = ctx,
        cc_toolchain = cc_toolchain,
        requested_features = ctx.features,
        unsupported_features = ctx.disabled_features,
    )
    variables = cc_common.create_compile_variables(
        feature_configuration = features,
        cc_toolchain = cc_toolchain,
        user_compile_flags = ctx.fragments.cpp.cxxopts + ctx.fragments.cpp.copts,
    )
    return cc_common.get_memory_inefficient_command_line(
        feature_configuration = features,
        action_name = "c++-compile",
        variables = variables,
    )

def _target_flags(ctx, compilation_context):
    flags = ["-D" + d for d in compilation_context.defines.to_list()]
    flags += ["-D" + d for d in getattr(compilation_context, "local_defines", depset()).to_list()]
    for i in compilation_context.includes.to_list():
        flags += ["-I", i]
    for i in compilation_context.quote_includes.to_list():
        flags += ["-iquote", i]
    for i in compilation_context.system_includes.to_list():
        flags += ["-isystem", i]
    flags += getattr(ctx.rule.attr, "copts", [])
    return flags

def _analyse(ctx, source, flags, headers):
    report = ctx.actions.declare_file(
        "_torchshape/{}/{}.txt".format(ctx.label.name, source.short_path.replace("/", "_")),
    )
    args = ctx.actions.args()
    args.add(ctx.executable._torchshape)
    args.add(report)
    args.add(source)
    args.add("--")
    args.add_all([f for f in flags if f not in _CLANG_REFUSES])
    ctx.actions.run(
        executable = ctx.executable._runner,
        arguments = [args],
        inputs = depset([source], transitive = [headers]),
        tools = [ctx.attr._torchshape[DefaultInfo].files_to_run],
        outputs = [report],
        mnemonic = "Torchshape",
        progress_message = "torchshape %s" % source.short_path,
        # PATH (--action_env) for the default torchshape, as for compilers.
        use_default_shell_env = True,
    )
    return report

def _torchshape_aspect_impl(target, ctx):
    if CcInfo not in target or ctx.rule.kind not in ["cc_library", "cc_binary", "cc_test"]:
        return []
    sources = [
        f
        for s in getattr(ctx.rule.attr, "srcs", [])
        for f in s.files.to_list()
        if f.extension in _SOURCE_EXTENSIONS
    ]
    compilation_context = target[CcInfo].compilation_context
    flags = _toolchain_flags(ctx) + _target_flags(ctx, compilation_context)
    reports = [_analyse(ctx, s, flags, compilation_context.headers) for s in sources]
    # The per-source actions never fail on findings, so that turning
    # --define=torchshape_fail_on_findings=1 on reuses them from the cache;
    # this one does.
    report = ctx.actions.declare_file(ctx.label.name + ".torchshape.txt")
    fail = ctx.var.get("torchshape_fail_on_findings", "0") == "1"
    ctx.actions.run_shell(
        inputs = reports,
        outputs = [report],
        command = ('out="$1"; shift; cat /dev/null "$@" > "$out"' +
                   ('; if grep -q " \\[torch-shape-" "$out"; then cat "$out" >&2; exit 1; fi' if fail else "")),
        arguments = [report.path] + [r.path for r in reports],
        mnemonic = "TorchshapeReport",
        progress_message = "torchshape report of %s" % ctx.label,
    )
    return [OutputGroupInfo(torchshape_report = depset([report]))]

torchshape_aspect = aspect(
    implementation = _torchshape_aspect_impl,
    fragments = ["cpp"],
    attrs = {
        "_cc_toolchain": attr.label(default = Label("@bazel_tools//tools/cpp:current_cc_toolchain")),
        "_torchshape": attr.label(
            default = Label("//tools/bazel:torchshape"),
            executable = True,
            cfg = "exec",
        ),
        "_runner": attr.label(
            default = Label("//tools/bazel:run_torchshape"),
            executable = True,
            cfg = "exec",
        ),
    },
    toolchains = ["@bazel_tools//tools/cpp:toolchain_type"],
)
