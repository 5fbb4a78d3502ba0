package org.emotionanalyser.infra;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a Lambda handler's code can reach, read from the compiled classes on the test classpath: the project's
 * methods reachable from the handler's constructors and {@code handleRequest}, the library methods they call (the
 * AWS SDK operations among them) and the string constants they load (the environment variable names among them).
 *
 * <p>Reachability is a rapid type analysis: a virtual or interface call on a project type reaches the
 * implementations in project classes that reachable code instantiates, so an adapter another function builds does
 * not count for this one. Lambdas and method references count as calls of their target. Methods of instantiated
 * project classes that implement a library type (callbacks, e.g. a {@code Comparator} or a table schema hook) are
 * taken as reachable, since the library may call them.
 */
public final class ReachableCode {

    /** Classes in this package tree are the project's; everything else is a library. */
    private static final String PROJECT = "org/emotionanalyser/";

    /** A method of some class, by internal class name, name and descriptor. */
    public record MethodRef(String owner, String name, String descriptor) {
    }

    private final ClassLoader loader;
    private final Map<String, Optional<ClassModel>> classes = new HashMap<>();

    private final Set<MethodRef> reachable = new LinkedHashSet<>();
    private final Deque<MethodRef> work = new ArrayDeque<>();
    private final Set<String> instantiated = new HashSet<>();
    private final Set<String> initialised = new HashSet<>();
    private final Set<MethodRef> virtualCalls = new HashSet<>();
    private final Set<MethodRef> libraryCalls = new LinkedHashSet<>();
    private final Set<String> constants = new LinkedHashSet<>();

    private ReachableCode(ClassLoader loader) {
        this.loader = loader;
    }

    /**
     * The code reachable from a handler class: its no-argument and {@code Map} constructors (whichever exist) and
     * every {@code handleRequest} method.
     *
     * @param handlerClass binary name, e.g. {@code org.emotionanalyser.ingest.handler.ReaderHandler}
     * @throws IllegalArgumentException when the class is not on the classpath
     */
    public static ReachableCode fromHandler(String handlerClass, ClassLoader loader) {
        ReachableCode code = new ReachableCode(loader);
        String internal = handlerClass.replace('.', '/');
        ClassModel handler = code.model(internal).orElseThrow(() -> new IllegalArgumentException(
                handlerClass + " is not on the classpath"));
        code.instantiate(internal);
        for (MethodModel method : handler.methods.values()) {
            if (method.name.equals("<init>") || method.name.equals("handleRequest")) {
                code.reach(new MethodRef(internal, method.name, method.descriptor));
            }
        }
        code.run();
        return code;
    }

    /** Library methods the reachable code calls, e.g. {@code software/amazon/awssdk/services/sns/SnsClient.publish}. */
    public Set<MethodRef> libraryCalls() {
        return libraryCalls;
    }

    /** String constants loaded by reachable code. */
    public Set<String> stringConstants() {
        return constants;
    }

    /** Reachable project methods. */
    public Set<MethodRef> projectMethods() {
        return reachable;
    }

    private void run() {
        while (!work.isEmpty()) {
            MethodRef method = work.pop();
            model(method.owner()).map(c -> c.methods.get(method.name() + method.descriptor()))
                    .ifPresent(this::scan);
        }
    }

    private void scan(MethodModel method) {
        constants.addAll(method.strings);
        for (String type : method.news) {
            if (isProject(type)) {
                instantiate(type);
            }
        }
        for (String type : method.staticUses) {
            initialise(type);
        }
        for (Call call : method.calls) {
            MethodRef target = call.target();
            if (!isProject(target.owner())) {
                libraryCalls.add(target);
                continue;
            }
            initialise(target.owner());
            if (call.dispatch()) {
                virtualCalls.add(target);
                for (String type : instantiated) {
                    dispatch(target, type);
                }
            } else {
                resolve(target.owner(), target.name(), target.descriptor()).ifPresent(this::reach);
                if (target.name().equals("<init>")) {
                    instantiate(target.owner());
                }
            }
        }
    }

    private void instantiate(String type) {
        if (!instantiated.add(type)) {
            return;
        }
        initialise(type);
        for (MethodRef call : List.copyOf(virtualCalls)) {
            dispatch(call, type);
        }
        model(type).ifPresent(model -> {
            if (extendsLibraryType(model)) {
                for (MethodModel method : model.methods.values()) {
                    if (!method.isStatic && !method.name.equals("<init>")) {
                        reach(new MethodRef(type, method.name, method.descriptor));
                    }
                }
            }
        });
    }

    private void initialise(String type) {
        if (isProject(type) && initialised.add(type)) {
            model(type).filter(m -> m.methods.containsKey("<clinit>()V"))
                    .ifPresent(m -> reach(new MethodRef(type, "<clinit>", "()V")));
        }
    }

    /** A virtual call on {@code call.owner} reaches {@code type}'s implementation when type is a subtype. */
    private void dispatch(MethodRef call, String type) {
        if (isSubtype(type, call.owner())) {
            resolve(type, call.name(), call.descriptor()).ifPresent(this::reach);
        }
    }

    private void reach(MethodRef method) {
        if (reachable.add(method)) {
            work.push(method);
        }
    }

    /** The class in {@code type}'s superclass chain (or, for default methods, interfaces) declaring the method. */
    private Optional<MethodRef> resolve(String type, String name, String descriptor) {
        Deque<String> pending = new ArrayDeque<>(List.of(type));
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            String current = pending.removeFirst();
            if (!seen.add(current)) {
                continue;
            }
            Optional<ClassModel> model = model(current);
            if (model.isEmpty()) {
                continue;
            }
            MethodModel method = model.get().methods.get(name + descriptor);
            if (method != null && !method.isAbstract) {
                return Optional.of(new MethodRef(current, name, descriptor));
            }
            if (model.get().superName != null) {
                pending.addFirst(model.get().superName);
            }
            pending.addAll(model.get().interfaces);
        }
        return Optional.empty();
    }

    private boolean isSubtype(String type, String supertype) {
        if (type.equals(supertype)) {
            return true;
        }
        Optional<ClassModel> model = model(type);
        if (model.isEmpty()) {
            return false;
        }
        if (model.get().superName != null && isSubtype(model.get().superName, supertype)) {
            return true;
        }
        return model.get().interfaces.stream().anyMatch(i -> isSubtype(i, supertype));
    }

    private boolean extendsLibraryType(ClassModel model) {
        boolean libraryInterface = model.interfaces.stream().anyMatch(i -> !isProject(i));
        boolean librarySuperclass = model.superName != null && !isProject(model.superName)
                && !Set.of("java/lang/Object", "java/lang/Record", "java/lang/Enum").contains(model.superName);
        return libraryInterface || librarySuperclass;
    }

    private static boolean isProject(String internalName) {
        return internalName.startsWith(PROJECT);
    }

    /** Project classes are read from the classpath; library classes are not needed (calls into them are leaves). */
    private Optional<ClassModel> model(String internalName) {
        if (!isProject(internalName)) {
            return Optional.empty();
        }
        return classes.computeIfAbsent(internalName, name -> {
            try (InputStream in = loader.getResourceAsStream(name + ".class")) {
                if (in == null) {
                    return Optional.empty();
                }
                ClassModel model = new ClassModel();
                new ClassReader(in).accept(model, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
                return Optional.of(model);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read class " + name, e);
            }
        });
    }

    private record Call(MethodRef target, boolean dispatch) {
    }

    private static final class MethodModel {
        final String name;
        final String descriptor;
        final boolean isStatic;
        final boolean isAbstract;
        final List<Call> calls = new ArrayList<>();
        final Set<String> news = new HashSet<>();
        final Set<String> staticUses = new HashSet<>();
        final Set<String> strings = new HashSet<>();

        MethodModel(int access, String name, String descriptor) {
            this.name = name;
            this.descriptor = descriptor;
            this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
            this.isAbstract = (access & Opcodes.ACC_ABSTRACT) != 0;
        }
    }

    private static final class ClassModel extends ClassVisitor {
        String superName;
        List<String> interfaces = List.of();
        final Map<String, MethodModel> methods = new HashMap<>();

        ClassModel() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                          String[] interfaces) {
            this.superName = superName;
            this.interfaces = List.of(interfaces);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            MethodModel method = new MethodModel(access, name, descriptor);
            methods.put(name + descriptor, method);
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitMethodInsn(int opcode, String owner, String name, String descriptor,
                                            boolean isInterface) {
                    boolean dispatch = opcode == Opcodes.INVOKEVIRTUAL || opcode == Opcodes.INVOKEINTERFACE;
                    method.calls.add(new Call(new MethodRef(owner, name, descriptor), dispatch));
                }

                @Override
                public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap,
                                                   Object... arguments) {
                    // Lambdas and method references: the implementation handle is what runs.
                    for (Object argument : arguments) {
                        if (argument instanceof Handle handle) {
                            boolean dispatch = handle.getTag() == Opcodes.H_INVOKEVIRTUAL
                                    || handle.getTag() == Opcodes.H_INVOKEINTERFACE;
                            method.calls.add(new Call(
                                    new MethodRef(handle.getOwner(), handle.getName(), handle.getDesc()), dispatch));
                            if (handle.getTag() == Opcodes.H_NEWINVOKESPECIAL) {
                                method.news.add(handle.getOwner());
                            }
                        }
                    }
                }

                @Override
                public void visitTypeInsn(int opcode, String type) {
                    if (opcode == Opcodes.NEW) {
                        method.news.add(type);
                    }
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
                    if (opcode == Opcodes.GETSTATIC || opcode == Opcodes.PUTSTATIC) {
                        method.staticUses.add(owner);
                    }
                }

                @Override
                public void visitLdcInsn(Object value) {
                    if (value instanceof String text) {
                        method.strings.add(text);
                    } else if (value instanceof Type type && type.getSort() == Type.OBJECT) {
                        method.staticUses.add(type.getInternalName());
                    }
                }
            };
        }
    }
}
