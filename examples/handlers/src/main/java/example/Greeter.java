package example;

import com.amazonaws.services.lambda.runtime.Context;

/** A POJO handler: example.Greeter::greet maps a Person to a Greeting. */
public class Greeter {
    public static class Person {
        private String name;
        private int age;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public int getAge() {
            return age;
        }

        public void setAge(int age) {
            this.age = age;
        }
    }

    public static class Greeting {
        private final String message;

        public Greeting(String message) {
            this.message = message;
        }

        public String getMessage() {
            return message;
        }
    }

    public Greeting greet(Person p, Context context) {
        return new Greeting("Hello " + p.getName() + ", " + p.getAge());
    }

    /** A String handler: example.Greeter::shout. */
    public String shout(String s) {
        return s.toUpperCase();
    }
}
