package io.logtojee.testsupport.servlet;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Builds an interface instance from a fake object that implements only the methods a test needs:
 * each call goes to the fake's public method of the same name and parameter types, and a call the
 * fake does not answer fails loudly, so a test never runs on an invented default.
 */
final class Fakes {

  private Fakes() {}

  static <T> T proxy(Class<T> type, Object fake) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
              case "equals" -> proxy == args[0];
              case "hashCode" -> System.identityHashCode(proxy);
              default -> type.getSimpleName() + " fake " + fake;
            };
          }
          Method answer;
          try {
            answer = fake.getClass().getMethod(method.getName(), method.getParameterTypes());
          } catch (NoSuchMethodException e) {
            throw new UnsupportedOperationException(
                "The fake " + type.getSimpleName() + " does not support " + method.getName());
          }
          try {
            return answer.invoke(fake, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
