package dev.eddy.runtime.java;

import java.nio.charset.StandardCharsets;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites, in handler classes as they are defined, the calls that would reach the process
 * rather than the function: {@code System.getenv()}, {@code System.getenv(String)} (also as method
 * references) go to the environment's {@code EnvShim}; {@code System.exit}, {@code Runtime.exit}
 * and {@code Runtime.halt} end the environment instead of the JVM. Stack shapes are unchanged, so
 * frames need no recomputation.
 */
final class SystemCallRewriter {
    static final String SHIM = "dev/eddy/runtime/java/shim/EnvShim";
    private static final byte[] GETENV = "getenv".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXIT = "exit".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HALT = "halt".getBytes(StandardCharsets.US_ASCII);

    private SystemCallRewriter() {}

    /** The rewritten class, or {@code bytes} itself when it has no such call. */
    static byte[] rewrite(byte[] bytes) {
        if (!contains(bytes, GETENV) && !contains(bytes, EXIT) && !contains(bytes, HALT)) {
            return bytes;
        }
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, 0);
        boolean[] changed = {false};
        reader.accept(
                new ClassVisitor(Opcodes.ASM9, writer) {
                    @Override
                    public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                        return new Rewriter(super.visitMethod(access, name, desc, sig, ex), changed);
                    }
                },
                0);
        return changed[0] ? writer.toByteArray() : bytes;
    }

    private static final class Rewriter extends MethodVisitor {
        private final boolean[] changed;

        Rewriter(MethodVisitor mv, boolean[] changed) {
            super(Opcodes.ASM9, mv);
            this.changed = changed;
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
            if (opcode == Opcodes.INVOKESTATIC
                    && owner.equals("java/lang/System")
                    && (name.equals("getenv") || (name.equals("exit") && desc.equals("(I)V")))) {
                changed[0] = true;
                super.visitMethodInsn(Opcodes.INVOKESTATIC, SHIM, name, desc, false);
                return;
            }
            if (opcode == Opcodes.INVOKEVIRTUAL
                    && owner.equals("java/lang/Runtime")
                    && (name.equals("exit") || name.equals("halt"))
                    && desc.equals("(I)V")) {
                changed[0] = true;
                super.visitMethodInsn(Opcodes.INVOKESTATIC, SHIM, name, "(Ljava/lang/Runtime;I)V", false);
                return;
            }
            super.visitMethodInsn(opcode, owner, name, desc, itf);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String desc, Handle bsm, Object... args) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof Handle h) {
                    args[i] = rewrite(h);
                }
            }
            super.visitInvokeDynamicInsn(name, desc, bsm, args);
        }

        @Override
        public void visitLdcInsn(Object value) {
            super.visitLdcInsn(value instanceof Handle h ? rewrite(h) : value);
        }

        private Handle rewrite(Handle h) {
            if (h.getTag() == Opcodes.H_INVOKESTATIC
                    && h.getOwner().equals("java/lang/System")
                    && h.getName().equals("getenv")) {
                changed[0] = true;
                return new Handle(Opcodes.H_INVOKESTATIC, SHIM, h.getName(), h.getDesc(), false);
            }
            return h;
        }
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0, n = haystack.length - needle.length; i <= n; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
